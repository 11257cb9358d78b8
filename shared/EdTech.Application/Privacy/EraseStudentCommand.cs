namespace EdTech.Application.Privacy;

public sealed record EraseStudentCommand(string UserId, string? Reason);

/// <param name="SubjectHash">The tombstone's opaque subject.</param>
/// <param name="AlreadyErased">True when an earlier request had finished the erasure; nothing was deleted now.</param>
/// <param name="Deleted">Documents deleted by this request, per container.</param>
public sealed record ErasureSummary(string SubjectHash, DateTimeOffset ErasedAt, bool AlreadyErased, IReadOnlyDictionary<string, int> Deleted);
