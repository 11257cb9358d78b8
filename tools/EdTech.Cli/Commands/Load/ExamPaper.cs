namespace EdTech.Cli.Commands.Load;

/// <summary>One answer as sent: Value is a string, a string array or a decimal.</summary>
public sealed record ExamAnswer(string ItemId, object Value);

/// <summary>
/// The benchmark's 4-item assessment and its answer patterns. A pattern is a 4-bit mask: bit i set
/// means item i is answered correctly. Points are 1, 2, 4 and 8, so the 16 patterns score 0..15
/// and a wrong score cannot hide behind another pattern with the same total.
/// </summary>
public static class ExamPaper
{
    public const int PatternCount = 16;
    public const decimal NumericKey = 3.14m;
    public const decimal NumericTolerance = 0.01m;

    public static readonly IReadOnlyList<string> SingleChoices = ["3", "4", "5"];
    public static readonly IReadOnlyList<string> MultiChoices = ["2", "3", "4", "9"];
    private static readonly string[] MultiKey = ["2", "3"];
    private static readonly string[] MultiWrong = ["4", "9"];

    public static decimal MaxScore => 15;

    /// <summary>The body of `POST /api/teacher/courses/{courseId}/assessments` (and of its PUT, with another <paramref name="q4Key"/> for a regrade).</summary>
    public static object AssessmentBody(string assessmentId, DateTimeOffset dueAt, string q4Key = "Paris") => new
    {
        id = assessmentId,
        title = "Load test exam",
        dueAt = dueAt.UtcDateTime,
        graceSeconds = 300,
        release = new { mode = "immediate" },
        items = new object[]
        {
            new { id = "q1", type = "single-choice", prompt = "2 + 2 = ?", choices = SingleChoices, answer = "4", points = 1, skills = new[] { "arithmetic" } },
            new { id = "q2", type = "multi-choice", prompt = "Which are prime?", choices = MultiChoices, answer = MultiKey, points = 2, skills = new[] { "number-theory" } },
            new { id = "q3", type = "numeric", prompt = "Pi to two decimals", answer = NumericKey, tolerance = NumericTolerance, points = 4, skills = new[] { "geometry" } },
            new { id = "q4", type = "short-text", prompt = "Capital of France", answer = q4Key, points = 8, skills = new[] { "geography" } },
        },
    };

    /// <summary>Student index (0-based) to pattern: cycles through all 16, so each item is right half the time.</summary>
    public static int PatternOf(int studentIndex) => studentIndex % PatternCount;

    /// <summary>The answers sent for a pattern; correct numeric answers sit inside the tolerance, not on the key.</summary>
    public static IReadOnlyList<ExamAnswer> AnswersFor(int pattern) =>
    [
        new("q1", IsSet(pattern, 0) ? "4" : "3"),
        new("q2", IsSet(pattern, 1) ? MultiKey : MultiWrong),
        new("q3", IsSet(pattern, 2) ? 3.145m : 3.5m),
        new("q4", IsSet(pattern, 3) ? "Paris" : "London"),
    ];

    /// <summary>Grades answers by the contract's rules (exact choice, same set, within tolerance, same text), independent of the server's grader.</summary>
    public static decimal ExpectedScore(IReadOnlyList<ExamAnswer> answers)
    {
        decimal score = 0;
        foreach (var answer in answers)
        {
            score += (answer.ItemId, answer.Value) switch
            {
                ("q1", string s) when s == "4" => 1,
                ("q2", string[] set) when set.Order(StringComparer.Ordinal).SequenceEqual(MultiKey) => 2,
                ("q3", decimal n) when Math.Abs(n - NumericKey) <= NumericTolerance => 4,
                ("q4", string t) when string.Equals(t.Trim(), "Paris", StringComparison.OrdinalIgnoreCase) => 8,
                _ => 0,
            };
        }

        return score;
    }

    private static bool IsSet(int pattern, int bit) => (pattern & (1 << bit)) != 0;
}
