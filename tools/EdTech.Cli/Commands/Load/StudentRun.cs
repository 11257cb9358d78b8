namespace EdTech.Cli.Commands.Load;

/// <summary>One student's submission, prepared before the timed phase and filled in as it runs.</summary>
public sealed class StudentRun(string studentId, string token, byte[] body, string idempotencyKey, decimal expectedScore)
{
    public string StudentId { get; } = studentId;

    public string Token { get; } = token;

    public byte[] Body { get; } = body;

    public string IdempotencyKey { get; } = idempotencyKey;

    public decimal ExpectedScore { get; } = expectedScore;

    public string? SubmissionId { get; set; }

    /// <summary>Stopwatch timestamp of the 202.</summary>
    public long AcknowledgedAt { get; set; }

    /// <summary>Wall-clock time the submission was due to be sent (paced runs: the start of its latency); null when not paced.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Stopwatch timestamp of the first poll that saw `released`; 0 until then.</summary>
    public long ReleasedAt { get; set; }

    /// <summary>Stopwatch timestamp taken before the last read that still saw it unreleased; 0 if none did (a lower bound for visibility).</summary>
    public long LastUnreleasedReadAt { get; set; }

    public decimal? ReleasedScore { get; set; }

    public decimal? MaxScore { get; set; }

    public static StudentRun Prepare(ExamSetup setup, ExamFixture fixture, int index, string runId)
    {
        var answers = ExamPaper.AnswersFor(ExamPaper.PatternOf(index));
        var studentId = fixture.StudentIds[index];
        var body = LoadApi.Serialize(new { answers = answers.Select(a => new { itemId = a.ItemId, value = a.Value }) });
        return new StudentRun(studentId, setup.MintStudent(fixture.Tenant, studentId), body, $"{runId}-{studentId}", ExamPaper.ExpectedScore(answers));
    }
}
