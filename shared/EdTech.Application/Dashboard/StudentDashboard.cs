using EdTech.Application.Learning;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;

namespace EdTech.Application.Dashboard;

/// <summary>API.md's <c>GET /api/student/dashboard</c>.</summary>
public sealed record StudentDashboard(
    IReadOnlyList<DashboardCourse> Courses,
    IReadOnlyList<OpenAssessment> OpenAssessments,
    IReadOnlyList<RecentGrade> RecentGrades,
    IReadOnlyList<RecommendationView> Recommendations,
    IReadOnlyList<SkillMasteryView> Mastery);

/// <summary>A course the student is enrolled in.</summary>
public sealed record DashboardCourse(string CourseId, string Title);

/// <summary>An assessment still accepting on-time work (server clock at or before <c>dueAt + graceSeconds</c>).</summary>
public sealed record OpenAssessment(string AssessmentId, string CourseId, string Title, DateTimeOffset DueAt, int AttemptsUsed, int? MaxAttempts);

/// <summary>A released result; <c>releasedAt</c> is the assessment's release instant where one was recorded (not for immediate release).</summary>
public sealed record RecentGrade(string AssessmentId, string SubmissionId, decimal Score, decimal MaxScore, DateTimeOffset? ReleasedAt);
