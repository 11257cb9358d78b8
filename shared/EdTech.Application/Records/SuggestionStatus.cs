using System.Text.Json.Serialization;
using EdTech.Domain.Serialization;

namespace EdTech.Application.Records;

/// <summary>Whether a tagging suggestion waits for a content author or was decided; stored and served as the names below.</summary>
[JsonConverter(typeof(WireEnumConverter<SuggestionStatus>))]
public enum SuggestionStatus
{
    [JsonStringEnumMemberName("pending")]
    Pending,

    [JsonStringEnumMemberName("accepted")]
    Accepted,

    [JsonStringEnumMemberName("rejected")]
    Rejected,
}
