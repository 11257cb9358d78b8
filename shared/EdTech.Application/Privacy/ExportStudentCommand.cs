using System.Text.Json;

namespace EdTech.Application.Privacy;

public sealed record ExportStudentCommand(string UserId);

/// <summary>Everything stored about one student in the tenant: the user record, then each container's documents as stored.</summary>
public sealed record StudentExport(string UserId, DateTimeOffset ExportedAt, JsonElement User, IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> Containers);
