namespace EdTech.Application.Storage;

public sealed record Versioned<T>(T Value, string ETag, long Sequence);
