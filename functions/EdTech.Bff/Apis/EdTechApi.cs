using EdTech.Bff.Health;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

public static class EdTechApi
{
    /// <summary>
    /// The role groups by name, so each Functions HTTP function maps exactly one of them, and the API files that make up each
    /// one: every file maps its own routes in its own <c>/api/{role}</c> group (<see cref="RoleGroup.MapRoleGroup"/>).
    /// Both hosts, the route catalog and the generated docs read this one list.
    /// </summary>
    public static IReadOnlyDictionary<string, Action<IEndpointRouteBuilder>> RoleGroups { get; } = new Dictionary<string, Action<IEndpointRouteBuilder>>
    {
        ["platform"] = Surfaces(PlatformApi.MapPlatformApi),
        ["admin"] = Surfaces(
            AdminApi.MapAdminApi, AdminPrivacyApi.MapAdminPrivacyApi, AdminUsersApi.MapAdminUsersApi, AdminRosterApi.MapAdminRosterApi,
            AnalyticsApi.MapAdminAnalyticsSettings, ContentSimulationsApi.MapAdminSimulations, AdminListsApi.MapAdminLists,
            ContentListsApi.MapAdminSimulationList, LifecycleApi.MapAdminLifecycleApi, TimingApi.MapAdminAccommodations),
        ["teacher"] = Surfaces(
            TeacherApi.MapTeacherApi, TeacherAssessmentApi.MapTeacherAssessmentApi, TeacherQueryApi.MapTeacherQueryApi, TeacherReviewApi.MapTeacherReviewApi,
            CourseModulesApi.MapTeacherModulesApi, LifecycleApi.MapTeacherLifecycleApi, LearningApi.MapTeacherLearning, AnalyticsApi.MapTeacherAnalytics,
            ItemDifficultyApi.MapTeacherItemDifficulty, ListsApi.MapTeacherLists, AdminListsApi.MapTeacherRoster, RubricsApi.MapTeacherRubrics,
            TimingApi.MapTeacherAccommodations),
        ["student"] = Surfaces(
            StudentApi.MapStudentApi, CourseModulesApi.MapStudentModulesApi, LearningApi.MapStudentLearning, ListsApi.MapStudentLists, TimingApi.MapStudentAttempts),
        ["content"] = Surfaces(
            ContentApi.MapContentApi, ContentTaxonomyApi.MapContentTaxonomy, ContentSuggestionsApi.MapContentSuggestions, ItemDifficultyApi.MapContentItemDifficulty,
            LearningApi.MapContentLearning, AnalyticsApi.MapContentAnalytics, ContentSimulationsApi.MapContentSimulations, ContentListsApi.MapContentLists),
    };

    /// <summary>Everything the LocalHost serves: every role group, health and the OpenAPI documents.</summary>
    public static IEndpointRouteBuilder MapEdTechApi(this IEndpointRouteBuilder routes)
    {
        foreach (var map in RoleGroups.Values)
        {
            map(routes);
        }

        routes.MapHealth();
        routes.MapOpenApiDocuments();
        return routes.EnsureAccessTableCoversEndpoints();
    }

    /// <summary>Liveness and readiness (<see cref="HealthEndpoints"/>).</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes) => HealthEndpoints.MapHealth(routes);

    private static Action<IEndpointRouteBuilder> Surfaces(params Func<IEndpointRouteBuilder, RouteGroupBuilder>[] files) => routes =>
    {
        foreach (var map in files)
        {
            map(routes);
        }
    };

    public static IEndpointRouteBuilder MapOpenApiDocuments(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi("/api/openapi/{documentName}.json").FromAccessTable();
        return routes;
    }
}
