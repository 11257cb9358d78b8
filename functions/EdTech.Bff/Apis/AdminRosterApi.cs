using EdTech.Application.Roster;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>OneRoster CSV bulk import on the tenant-admin surface (docs/oneroster.md).</summary>
public static class AdminRosterApi
{
    /// <summary>The zipped body; the uncompressed limits are <see cref="RosterPackage"/>'s.</summary>
    public const int MaxZipBytes = BoundedBody.LargestRouteLimit;

    private static readonly string[] ZipMediaTypes = ["application/zip", "application/x-zip-compressed"];

    public static RouteGroupBuilder MapAdminRosterApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapRoleGroup("admin");
        admin.MapPost("/roster/oneroster", Import).Accepts<byte[]>("application/zip").Produces<ImportOneRosterResult>();
        return admin;
    }

    /// <summary><c>?classes=</c>: <c>courses</c> (default: each class is a course) or <c>sections</c> (a class is a section of its courses.csv course).</summary>
    private static async Task<IResult> Import(HttpRequest request, ImportOneRosterHandler handler, string? classes = null)
    {
        if (classes is not (null or "courses" or "sections"))
        {
            return Invalid("classes", "'courses' (each class is a course, the default) or 'sections' (a class is a section of its courses.csv course).", StatusCodes.Status422UnprocessableEntity);
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is null || !ZipMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Unsupported media type",
                "The body must be the OneRoster CSV files zipped, sent with Content-Type: application/zip.");
        }

        var (zip, error) = await ReadBodyAsync(request);
        if (error is not null)
        {
            return error;
        }

        var caller = request.HttpContext.GetCaller();
        var (result, refused) = await handler.HandleAsync(caller, new ImportOneRosterCommand(caller.Tenant, zip, classes == "sections"), request.HttpContext.RequestAborted);
        return refused switch
        {
            null => TypedResults.Ok(result),
            { Kind: RosterPackageErrorKind.TooLarge } => Problems.Status(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "Payload too large", $"{refused.Field}: {refused.Message}"),
            { Kind: RosterPackageErrorKind.NotAZip } => Invalid(refused.Field, refused.Message, StatusCodes.Status400BadRequest),
            _ => Invalid(refused.Field, refused.Message, StatusCodes.Status422UnprocessableEntity),
        };
    }

    /// <summary>The body, counted while reading (the Functions host has no Kestrel limit).</summary>
    private static async Task<(byte[] Zip, IResult? Error)> ReadBodyAsync(HttpRequest request)
    {
        var tooLarge = Problems.Status(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "Payload too large", $"body: at most {MaxZipBytes} bytes.");
        using var buffer = await BoundedBody.ReadAsync(request, MaxZipBytes);
        if (buffer is null)
        {
            return ([], tooLarge);
        }

        return buffer.Length == 0 ? ([], Invalid("body", "Empty; send the OneRoster CSV files zipped.", StatusCodes.Status400BadRequest)) : (buffer.ToArray(), null);
    }

    private static IResult Invalid(string field, string message, int status) =>
        Problems.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, status == StatusCodes.Status400BadRequest ? "Malformed request body" : "Validation failed", status);
}
