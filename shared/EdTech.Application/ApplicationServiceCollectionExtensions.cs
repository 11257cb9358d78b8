using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Audit;
using EdTech.Application.Content.Tagging;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Courses;
using EdTech.Application.Courses.Modules;
using EdTech.Application.Gradebooks;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Review;
using EdTech.Application.Privacy.EraseStudent;
using EdTech.Application.Privacy.ExportStudent;
using EdTech.Application.Projections;
using EdTech.Application.Roster.ImportOneRoster;
using EdTech.Application.Submissions;
using EdTech.Application.Tenants;
using EdTech.Application.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdTech.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>Use cases and change-feed handlers; adapters (store, workflow engine) are added by the host's composition.</summary>
    public static IServiceCollection AddEdTechApplication(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IForegroundLoad, NoForegroundLoad>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<CourseAccess>();
        services.AddSingleton<AssessmentLookup>();
        services.AddSingleton<CreateTenantHandler>();
        services.AddEdTechTenantRegistry();
        services.AddSingleton<CreateUserHandler>();
        services.AddSingleton<CreateCourseHandler>();
        services.AddSingleton<EnrollUserHandler>();
        services.AddSingleton<PutModuleHandler>();
        services.AddSingleton<GetModulesHandler>();
        services.AddSingleton<RosterDeletions>();
        services.AddSingleton<ImportOneRosterHandler>();
        services.AddSingleton<CreateAssessmentHandler>();
        services.AddSingleton<GetStudentAssessmentHandler>();
        services.AddSingleton<SubmitAttemptHandler>();
        services.AddSingleton<GetStudentSubmissionHandler>();
        services.AddSingleton<GetGradebookHandler>();
        services.AddSingleton<SubmissionGrader>();
        services.AddSingleton<GetTeacherSubmissionHandler>();
        services.AddSingleton<GetReviewQueueHandler>();
        services.AddSingleton<GradeSubmissionHandler>();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<ExportStudentHandler>();
        services.AddSingleton<EraseStudentHandler>();
        services.AddSingleton<UnfinishedGradingReconciler>();
        services.AddSingleton<ResultsReleaser>();
        services.AddSingleton<ReleaseAssessmentHandler>();
        services.AddSingleton<DueResultsReleaser>();
        services.AddSingleton<StartTaggingJobHandler>();
        services.AddSingleton<GetTaggingJobHandler>();
        services.AddSingleton<TaggingJobSteps>();
        services.AddSingleton<IChangeFeedHandler, SubmissionProjection>();
        services.AddSingleton<IChangeFeedHandler, StartGradingOnSubmission>();
        return services;
    }
}
