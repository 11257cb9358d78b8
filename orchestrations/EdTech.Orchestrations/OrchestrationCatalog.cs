using EdTech.Orchestrations.Calibration;
using EdTech.Orchestrations.Grading;
using EdTech.Orchestrations.Regrade;
using EdTech.Orchestrations.Release;
using EdTech.Orchestrations.Runs;
using EdTech.Orchestrations.Simulation;
using EdTech.Orchestrations.Tagging;
using EdTech.Orchestrations.Timing;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations;

/// <summary>Every orchestrator and activity, for both hosts: the LocalHost registers them, the Functions app wraps each one.</summary>
public static class OrchestrationCatalog
{
    public static IReadOnlyList<Type> Orchestrators { get; } = [typeof(GradeSubmissionOrchestrator), typeof(GradeBatchOrchestrator), typeof(ReleaseResultsOrchestrator), typeof(ReleaseAtOrchestrator),
        typeof(RegradeAssessmentOrchestrator), typeof(CalibrateCourseOrchestrator), typeof(TaggingJobOrchestrator), typeof(AutoTagItemsOrchestrator),
        typeof(CurriculumSimulationOrchestrator),
        typeof(AttemptTimerOrchestrator)];

    public static IReadOnlyList<Type> Activities { get; } = [typeof(AutoGradeSubmissionActivity), typeof(GradeBatchActivity), typeof(StartSubmissionGradingActivity), typeof(ReleaseIfDueActivity), typeof(RemindReviewActivity), typeof(MarkAssessmentReleasedActivity),
        typeof(ListReleasePageActivity), typeof(ReleaseSubmissionsActivity), typeof(ReleaseDueAssessmentActivity), typeof(ListRegradePageActivity), typeof(RegradeChunkActivity), typeof(CalibrateCourseActivity),
        typeof(MarkTaggingJobRunningActivity), typeof(TagItemsChunkActivity), typeof(FinishTaggingPageActivity), typeof(FinishTaggingJobActivity), typeof(FinishWorkflowRunActivity),
        typeof(TagChangedItemsActivity), typeof(AutoApplySuggestionsActivity),
        typeof(PrepareSimulationActivity), typeof(SimulateChunkActivity), typeof(FinishSimulationActivity), typeof(FailSimulationActivity),
        typeof(AutoSubmitAttemptActivity)];

    public static void Register(DurableTaskRegistry registry)
    {
        foreach (var type in Orchestrators)
        {
            registry.AddOrchestrator(type);
        }

        foreach (var type in Activities)
        {
            registry.AddActivity(type);
        }
    }
}
