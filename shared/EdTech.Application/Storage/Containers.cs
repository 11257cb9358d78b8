using EdTech.Application.Grading.Release;

namespace EdTech.Application.Storage;

/// <summary>Container names. Production Cosmos containers use the hierarchical key /tenantId/partition.</summary>
public static class Containers
{
    public const string Tenants = "tenants";
    public const string Users = "users";
    public const string Courses = "courses";
    public const string Enrollments = "enrollments";
    public const string Assessments = "assessments";
    public const string AssessmentVersions = "assessment-versions";
    public const string Submissions = "submissions";
    public const string SubmissionViews = "submission-views";
    public const string Gradebook = "gradebook";
    public const string Audit = "audit";
    public const string DirectoryMappings = "directory-mappings";
    public const string Modules = "modules";
    public const string GradingSchemes = "grading-schemes";
    public const string ReviewQueue = "review-queue";
    public const string AssessmentStatistics = "assessment-statistics";
    public const string AssessmentReleases = "assessment-releases";
    public const string Notifications = "notifications";
    public const string LearnerState = "learner-state";
    public const string ItemStats = "item-stats";
    public const string Responses = "responses";
    public const string Recommendations = "recommendations";
    public const string SkillGraphs = "skill-graphs";
    public const string ItemParameters = "item-parameters";
    public const string ItemRatings = "item-ratings";
    public const string TaggingJobs = "tagging-jobs";
    public const string IntegrationEvents = "integration-events";

    /// <summary>Workflow runs asked for by a command or timer (regrade, calibration), until their workflow completes them.</summary>
    public const string WorkflowRuns = "workflow-runs";
    /// <summary>The tenant's skill taxonomy for content tagging (one partition per tenant: a few hundred to a few thousand skills).</summary>
    public const string SkillTaxonomy = "skill-taxonomy";

    /// <summary>The current tagging suggestion per assessment item, for review (partition = course). Never written onto assessments.</summary>
    public const string TaggingSuggestions = "tagging-suggestions";
    /// <summary>Chat-model tokens the tagger used, one counter per tenant and calendar month (UTC); no student's data.</summary>
    public const string TaggingUsage = "tagging-usage";
    /// <summary>Students' learning events (usage), one partition per student so erasure and export find them.</summary>
    public const string UsageEvents = "usage-events";
    /// <summary>What one student did in one course on one day (usage projection), partitioned by course and day.</summary>
    public const string UsageStudentDays = "usage-student-days";
    /// <summary>A course's usage per day (usage projection, no student's data).</summary>
    public const string CourseUsage = "course-usage";
    /// <summary>One student's activity per module of a course (usage projection, drop-off per module), partitioned by course.</summary>
    public const string UsageModuleProgress = "usage-module-progress";

    /// <summary>One student's weekly mastery per skill and active modules per course (analytics-weeks projection), partitioned by course.</summary>
    public const string AnalyticsStudentWeeks = "analytics-student-weeks";
    /// <summary>A course's weekly heatmap sums (analytics-weeks projection, no student's data), one document per course.</summary>
    public const string CourseAnalyticsWeeks = "course-analytics-weeks";
    /// <summary>A course's item × section heatmap sums (analytics-items projection, no student's data), one document per course.</summary>
    public const string CourseAnalyticsItems = "course-analytics-items";

    /// <summary>Curriculum-change simulations: request, model snapshot, status and result (partition = simulation id).</summary>
    public const string Simulations = "simulations";

    /// <summary>A course's rubrics for manually scored items, current version (partition = course). Written by teachers; no student's data.</summary>
    public const string Rubrics = "rubrics";
    /// <summary>Frozen earlier versions of rubrics, <c>{rubricId}:v{version}</c> (partition = course), so scores made with them stay readable.</summary>
    public const string RubricVersions = "rubric-versions";
    /// <summary>Students' attempts of an assessment (start, timed end, last draft), partitioned by course like submissions (docs/timing.md).</summary>
    public const string Attempts = "attempts";

    /// <summary>Changes a change-feed handler kept failing on: one record each, visible, never blocking a lease.</summary>
    public const string Poison = "poison";

    public static IReadOnlyList<string> All { get; } =
        [Tenants, Users, Courses, Enrollments, Assessments, AssessmentVersions, Submissions, SubmissionViews, Gradebook, Audit, DirectoryMappings,
         Modules, GradingSchemes, ReviewQueue, AssessmentStatistics, AssessmentReleases, Notifications,
         LearnerState, ItemStats, Responses, Recommendations, SkillGraphs, ItemParameters, ItemRatings, TaggingJobs, Poison, IntegrationEvents, WorkflowRuns, SkillTaxonomy, TaggingSuggestions,
         UsageEvents, UsageStudentDays, CourseUsage, UsageModuleProgress, TaggingUsage, AnalyticsStudentWeeks, CourseAnalyticsWeeks, CourseAnalyticsItems,
         Simulations,
         Rubrics, RubricVersions, Attempts];
}
