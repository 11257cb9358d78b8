namespace EdTech.Application.Content.Tagging;

/// <summary>
/// <c>Tagging:MaxConcurrentChunks</c> (default 4): at most this many chunk activities of one tagging job run at once
/// (each chunk is <see cref="Records.TaggingJobRecord.DefaultChunkSize"/> model calls), so one big job neither floods
/// the chat model's quota nor the worker; other jobs and workflows keep their share.
/// </summary>
public sealed record TaggingJobSettings(int MaxConcurrentChunks)
{
    public static TaggingJobSettings Default { get; } = new(4);
}
