namespace EdTech.Application.Privacy.Erasure;

/// <summary>
/// A write of a student's data was refused (or undone) because the student is erased (<see cref="ErasureMarkers"/>). Not a
/// failure to retry: the work is dropped. Change-feed delivery drops the change, grading steps report the submission erased,
/// and the HTTP layer answers 404 (as for any resource that is gone). The message names no user.
/// </summary>
public sealed class SubjectErasedException(string container) : Exception($"A write to '{container}' concerns an erased student; it was refused.")
{
    public string Container { get; } = container;
}
