using EdTech.Application.Grading;
using EdTech.Application.Projections;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Grading;

/// <summary>Releases one graded submission when its assessment's policy says so, then shows it (<see cref="ResultsShown"/>).</summary>
public sealed class ReleaseIfDueActivity(SubmissionGrader grader, SubmissionViews views, ILogger<ReleaseIfDueActivity> logger) : TaskActivity<GradeSubmissionInput, GradingResult>
{
    public override async Task<GradingResult> RunAsync(TaskActivityContext context, GradeSubmissionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await grader.ReleaseIfDueAsync(input.TenantId, input.SubmissionId, CancellationToken.None).ConfigureAwait(false);
        await AutoGradeSubmissionActivity.ShownAsync(views, logger, input, result).ConfigureAwait(false);
        return result;
    }
}
