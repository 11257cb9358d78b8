using System.Text.Json.Serialization;
using EdTech.Domain.Serialization;

namespace EdTech.Application.Records;

/// <summary>Where a curriculum-change simulation is; stored and served as the names below.</summary>
[JsonConverter(typeof(WireEnumConverter<SimulationStatus>))]
public enum SimulationStatus
{
    [JsonStringEnumMemberName("running")]
    Running,

    [JsonStringEnumMemberName("completed")]
    Completed,

    [JsonStringEnumMemberName("failed")]
    Failed,
}
