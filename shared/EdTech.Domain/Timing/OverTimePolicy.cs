namespace EdTech.Domain.Timing;

/// <summary>What happens when a timed attempt's limit (plus <see cref="StudentSchedule.AttemptGrace"/>) passes.</summary>
public static class OverTimePolicy
{
    /// <summary>A later submit is accepted and marked <c>overTime</c> (the teacher decides what it costs).</summary>
    public const string AcceptMarked = "accept-marked";

    /// <summary>A durable timer submits the last draft (or an empty attempt) when the limit passes.</summary>
    public const string AutoSubmit = "auto-submit";

    public static IReadOnlyList<string> All { get; } = [AcceptMarked, AutoSubmit];
}
