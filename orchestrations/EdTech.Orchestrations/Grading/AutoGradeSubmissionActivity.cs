using EdTech.Application.Grading;
using EdTech.Application.Projections;
using EdTech.Domain.Submissions;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Grading;

/// <summary>Auto-grades one submission (and releases it when due), then shows the result (<see cref="ResultsShown"/>).</summary>
public sealed class AutoGradeSubmissionActivity(SubmissionGrader grader, SubmissionViews views, ILogger<AutoGradeSubmissionActivity> logger) : TaskActivity<GradeSubmissionInput, GradingResult>
{
    public override async Task<GradingResult> RunAsync(TaskActivityContext context, GradeSubmissionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await grader.AutoGradeAsync(input.TenantId, input.SubmissionId, CancellationToken.None).ConfigureAwait(false);
        await ShownAsync(views, logger, input, result).ConfigureAwait(false);
        return result;
    }

    /// <summary>Shows one submission's result unless it is gone (erased).</summary>
    internal static Task ShownAsync(SubmissionViews views, ILogger logger, GradeSubmissionInput input, GradingResult result) =>
        result.Status == SubmissionStatus.Erased ? Task.CompletedTask : ResultsShown.TryAsync(views, logger, input.TenantId, [input.SubmissionId]);
}
