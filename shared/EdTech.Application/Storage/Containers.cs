namespace EdTech.Application.Storage;

/// <summary>Container names. Production Cosmos containers use the hierarchical key /tenantId/partition.</summary>
public static class Containers
{
    public const string Tenants = "tenants";
    public const string Users = "users";
    public const string Courses = "courses";
    public const string Enrollments = "enrollments";
    public const string Assessments = "assessments";
    public const string Submissions = "submissions";
    public const string SubmissionViews = "submission-views";
    public const string Gradebook = "gradebook";
    public const string Audit = "audit";
    public const string DirectoryMappings = "directory-mappings";
    public const string Modules = "modules";
    public const string TaggingJobs = "tagging-jobs";

    public static IReadOnlyList<string> All { get; } =
        [Tenants, Users, Courses, Enrollments, Assessments, Submissions, SubmissionViews, Gradebook, Audit, DirectoryMappings, Modules, TaggingJobs];
}
