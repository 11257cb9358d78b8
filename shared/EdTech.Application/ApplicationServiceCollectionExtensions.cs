using EdTech.Application.Access;
using EdTech.Application.Analytics;
using EdTech.Application.Assessments;
using EdTech.Application.Assessments.Statistics;
using EdTech.Application.Audit;
using EdTech.Application.Caching;
using EdTech.Application.Content.Difficulty;
using EdTech.Application.Content.Simulations;
using EdTech.Application.Content.Suggestions;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Content.Tagging.AutoTagging;
using EdTech.Application.Content.Taxonomy;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Commands;
using EdTech.Application.Courses;
using EdTech.Application.Courses.Lifecycle;
using EdTech.Application.Courses.Modules;
using EdTech.Application.Dashboard;
using EdTech.Application.Gradebooks;
using EdTech.Application.Gradebooks.GradingSchemes;
using EdTech.Application.Grading.Release;
using EdTech.Application.Notifications;
using EdTech.Application.Outbox;
using EdTech.Application.Grading;
using EdTech.Application.Lists;
using EdTech.Application.Privacy;
using EdTech.Application.Roster;
using EdTech.Application.Rubrics;
using EdTech.Application.Grading.Regrade;
using EdTech.Application.Grading.Review;
using EdTech.Application.Learning;
using EdTech.Application.Learning.Calibration;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Projections;
using EdTech.Application.Submissions;
using EdTech.Application.Timing;
using EdTech.Application.Tenants;
using EdTech.Application.Usage;
using EdTech.Application.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdTech.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>Use cases and change-feed handlers; adapters (store, workflow engine, HybridCache) are added by the host's composition.</summary>
    public static IServiceCollection AddEdTechApplication(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IForegroundLoad, NoForegroundLoad>();
        // Change-feed delivery (both hosts): retry with backoff, poison after the attempts run out. The hosts' composition
        // (AddEdTech) also checks the handlers against ChangeFeedCatalog at start-up.
        services.TryAddSingleton(ChangeFeedRetryOptions.Default);
        services.AddSingleton<ITransientFailures, CommonTransientFailures>();
        services.AddSingleton<ChangeFeedDelivery>();
        services.AddSingleton<Telemetry.ChangeFeedLagMonitor>();
        services.TryAddSingleton(AccessCacheSettings.Default);
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<TenantTimeZones>();
        services.AddSingleton<CourseAccess>();
        services.AddSingleton<AssessmentLookup>();
        services.AddSingleton<CreateTenantHandler>();
        services.AddEdTechTenantRegistry();
        services.AddSingleton<CreateUserHandler>();
        services.AddEdTechUserManagement();
        services.AddSingleton<CreateCourseHandler>();
        services.AddSingleton<EnrollUserHandler>();
        services.AddSingleton<PutModuleHandler>();
        services.AddSingleton<GetModulesHandler>();
        services.AddSingleton<RosterDeletions>();
        services.AddSingleton<ImportOneRosterHandler>();
        services.AddSingleton<CreateAssessmentHandler>();
        services.AddSingleton<GetStudentAssessmentHandler>();
        services.AddSingleton<GetTeacherAssessmentHandler>();
        services.AddSingleton<ListMyCoursesHandler>();
        services.AddSingleton<ListCourseAssessmentsHandler>();
        services.AddSingleton<ListSubmissionsHandler>();
        services.AddEdTechAdminContentLists();
        services.AddSingleton<UpdateAssessmentHandler>();
        services.AddEdTechLifecycle();
        services.AddSingleton<SubmissionRegrader>();
        services.AddSingleton<SubmitAttemptHandler>();
        services.AddSingleton<StartAttemptHandler>();
        services.AddSingleton<GetAttemptHandler>();
        services.AddSingleton<SaveDraftHandler>();
        services.AddSingleton<AutoSubmitAttemptHandler>();
        services.AddSingleton<AccommodationsHandler>();
        services.AddSingleton<GetStudentSubmissionHandler>();
        services.AddSingleton<CoalescedReads>();
        services.AddSingleton<GetGradebookHandler>();
        services.TryAddSingleton<ICacheStamps, LocalCacheStamps>();
        services.AddSingleton<TeacherQueryCache>();
        services.AddSingleton<SetGradingSchemeHandler>();
        services.AddSingleton<GetGradingSchemeHandler>();
        services.AddSingleton<GetAssessmentStatisticsHandler>();
        services.AddSingleton<GetImprovementsHandler>();
        services.AddSingleton<GetHeatmapHandler>();
        services.AddSingleton<AnalyticsSettings>();
        services.AddSingleton<AnalyticsWeeksProjection>();
        services.AddSingleton<IChangeFeedHandler>(provider => provider.GetRequiredService<AnalyticsWeeksProjection>());
        services.AddSingleton<AnalyticsItemsProjection>();
        services.AddSingleton<IChangeFeedHandler>(provider => provider.GetRequiredService<AnalyticsItemsProjection>());
        services.AddSingleton<SubmissionGrader>();
        services.AddSingleton<GetTeacherSubmissionHandler>();
        services.AddSingleton<GetReviewQueueHandler>();
        services.AddSingleton<GradeSubmissionHandler>();
        services.AddEdTechRubrics();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<ExportStudentHandler>();
        services.AddSingleton<ErasureMarkers>();
        services.TryAddSingleton(ErasureSettings.Default);
        services.AddSingleton<EraseStudentHandler>();
        services.AddSingleton<UnfinishedGradingReconciler>();
        services.AddSingleton<ResultsReleaser>();
        services.AddSingleton<ReleaseAssessmentHandler>();
        services.AddSingleton<DueResultsReleaser>();
        services.AddSingleton<StartTaggingJobHandler>();
        services.AddSingleton<GetTaggingJobHandler>();
        services.AddSingleton<TaggingJobSteps>();
        services.TryAddSingleton(SimulationSettings.Default);
        services.AddSingleton<SimulationModelSource>();
        services.AddSingleton<StartSimulationHandler>();
        services.AddSingleton<GetSimulationHandler>();
        services.AddSingleton<SimulationSteps>();
        services.AddSingleton<SkillTaxonomyStore>();
        services.AddSingleton<GetTaxonomySkillHandler>();
        services.AddSingleton<ListTaxonomySkillsHandler>();
        services.AddSingleton<PutTaxonomySkillHandler>();
        services.TryAddSingleton(AutoTaggingSettings.Default);
        services.AddSingleton<TaggingFeatures>();
        services.AddSingleton<ItemSuggestions>();
        services.AddSingleton<ItemSkillsWriter>();
        services.AddSingleton<ListSuggestionsHandler>();
        services.AddSingleton<DecideSuggestionHandler>();
        services.AddSingleton<AcceptSuggestionsAbove>();
        services.AddSingleton<GetItemDifficultyHandler>();
        services.AddSingleton<AutoTaggingSteps>();
        services.AddSingleton<AutoTaggingReconciler>();
        services.AddSingleton<IChangeFeedHandler, TagChangedItems>();
        services.AddSingleton<SubmissionViews>();
        services.AddSingleton<IChangeFeedHandler, StartGradingOnSubmission>();
        // Parts of the submission-insights consumer (ChangeFeedCatalog.SubmissionInsights), not handlers of their own.
        services.AddSingleton<SubmissionProjection>();
        services.AddSingleton<ReviewQueueProjection>();
        services.AddSingleton<AssessmentStatisticsProjection>();
        services.AddSingleton<IChangeFeedHandler, SubmissionInsights>();
        services.AddSingleton<IChangeFeedHandler, StartRegradeOnNewVersion>();
        services.AddSingleton<IChangeFeedHandler, StartReleaseOnRequest>();
        services.AddSingleton<IChangeFeedHandler, StartTaggingOnJob>();
        services.AddSingleton<IChangeFeedHandler, StartWorkflowRuns>();
        services.AddSingleton<WorkflowRuns>();
        services.AddSingleton<WorkflowRunStarter>();
        services.AddSingleton<UnfinishedCommandReconciler>();
        services.AddSingleton<IChangeFeedHandler, ScheduleReleaseOnAssessment>();
        services.TryAddSingleton(ReviewReminderSettings.Default);
        services.TryAddSingleton(GradingBatchSettings.Default);
        services.TryAddSingleton(BulkPageSettings.Default);
        services.AddSingleton<ReviewReminders>();
        services.AddSingleton<OutboxErasure>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<IChangeFeedHandler, NotificationDispatcher>();
        services.AddSingleton<IntegrationEventOutbox>();
        services.AddSingleton<IChangeFeedHandler, IntegrationEventDispatcher>();
        services.TryAddSingleton(NightlyReleaseSettings.Default);
        services.AddSingleton<NightlyReleaser>();
        services.AddEdTechLearning();
        services.AddEdTechUsage();
        return services;
    }

    /// <summary>Learner state, recommendations, feedback and calibration. A host may register its own <see cref="LearningOptions"/> first.</summary>
    public static IServiceCollection AddEdTechLearning(this IServiceCollection services)
    {
        services.TryAddSingleton(LearningOptions.Default);
        services.AddSingleton<RecommendationCache>();
        services.AddSingleton<RecommendationBuilder>();
        services.AddSingleton<GetRecommendationsHandler>();
        services.AddSingleton<GetStudentDashboardHandler>();
        services.AddSingleton<SetSkillGraphHandler>();
        services.AddSingleton<RateItemHandler>();
        services.AddSingleton<GetFlaggedItemsHandler>();
        services.AddSingleton<CourseCalibrator>();
        services.AddSingleton<CalibrationScheduler>();
        services.AddSingleton<LearnerStateHandler>(); // a part of the submission-insights consumer
        return services;
    }
}
