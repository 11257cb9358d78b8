namespace EdTech.Application.Storage;

/// <summary>A stored record with its ETag, sequence and (optional) the W3C traceparent its version was written under (<see cref="StoredDocument.TraceParent"/>).</summary>
public sealed record Versioned<T>(T Value, string ETag, long Sequence, string? TraceParent = null);
