using System.Text.Json.Serialization;
using EdTech.Domain.Serialization;

namespace EdTech.Application.Records;

/// <summary>A tenant's standing in the registry; stored and served as the names below.</summary>
[JsonConverter(typeof(WireEnumConverter<TenantStatus>))]
public enum TenantStatus
{
    [JsonStringEnumMemberName("active")]
    Active,

    [JsonStringEnumMemberName("suspended")]
    Suspended,
}
