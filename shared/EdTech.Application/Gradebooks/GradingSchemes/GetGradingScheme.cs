using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Gradebooks.GradingSchemes;

public sealed class GetGradingSchemeHandler(IDocumentStore store, CourseAccess access)
{
    public async Task<Outcome<GradingSchemeView>> HandleAsync(Caller caller, string courseId, CancellationToken ct)
    {
        if (!await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("course");
        }

        var record = await store.GetAsync<GradingSchemeRecord>(caller.Tenant, courseId, ct).ConfigureAwait(false);
        return Outcome<GradingSchemeView>.Ok(ToView(courseId, record?.Value));
    }

    public static GradingSchemeView ToView(string courseId, GradingSchemeRecord? record) =>
        new(courseId, record?.Categories ?? [], record?.UpdatedAt);
}
