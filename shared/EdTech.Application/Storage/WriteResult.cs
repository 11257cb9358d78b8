namespace EdTech.Application.Storage;

public enum WriteStatus
{
    Created,
    Replaced,
    /// <summary>Create found a document with that id; <see cref="WriteResult.Document"/> is the stored one, unchanged.</summary>
    AlreadyExists,
    /// <summary>The If-Match ETag did not match, or the document is gone; nothing was written.</summary>
    PreconditionFailed,
}

/// <param name="Document">The document now stored (new, replaced or pre-existing); null on PreconditionFailed.</param>
public sealed record WriteResult(WriteStatus Status, StoredDocument? Document);
