using EdTech.Application.Storage;
using EdTech.Domain.Simulation;

namespace EdTech.Application.Records;

/// <summary>
/// A curriculum-change simulation (<c>POST /api/content/simulations</c>): the request, and once its durable run prepared it,
/// the course model it simulates (a snapshot, so every chunk and a later reader see the same course) with the model's
/// warnings; then the result or the error.
/// </summary>
public sealed record SimulationRecord(
    string Id,
    SimulationStatus Status,
    string CourseId,
    int Students,
    int Seed,
    CourseChange Change,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    CourseModel? Model = null,
    IReadOnlyList<string>? Warnings = null,
    SimulationSummary? Result = null,
    DateTimeOffset? FinishedAt = null,
    string? Error = null) : IStoredRecord
{
    public static string Container => Containers.Simulations;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;
}
