namespace EdTech.Bff.Http;

/// <summary>Stable problem "type" URIs (RFC 9457); clients may switch on them.</summary>
public static class ProblemTypes
{
    private const string Base = "https://edtech-serverless.dev/problems/";
    public const string Validation = Base + "validation";
    public const string NotFound = Base + "not-found";
    public const string Conflict = Base + "conflict";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string PreconditionRequired = Base + "precondition-required";
    public const string TooManyRequests = Base + "too-many-requests";
    public const string Unauthenticated = Base + "unauthenticated";
    public const string Forbidden = Base + "forbidden";
    public const string TenantSuspended = Base + "tenant-suspended";
    public const string UnknownTenant = Base + "unknown-tenant";

    /// <summary>401: the token's user is deactivated (PATCH /api/admin/users/{id} with active:false) until reactivated.</summary>
    public const string UserDeactivated = Base + "user-deactivated";
    public const string MalformedJson = Base + "malformed-json";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string ServerError = Base + "server-error";
    public const string GenAiUnavailable = Base + "genai-unavailable";

    /// <summary>A specific problem the application named by a slug (e.g. <c>assessment-items-locked</c>).</summary>
    public static string Of(string code) => Base + code;
}
