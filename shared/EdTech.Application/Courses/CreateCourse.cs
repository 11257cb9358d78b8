using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Courses;

public sealed record CreateCourseCommand(string? Id, string? Title);

public sealed class CreateCourseHandler(IDocumentStore store, TimeProvider clock)
{
    public async Task<Outcome<CourseRecord>> HandleAsync(Caller caller, CreateCourseCommand command, CancellationToken ct)
    {
        var v = new Validation().Id(command.Id, "id").Text(command.Title, "title", 200);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var record = new CourseRecord(command.Id ?? ResourceId.New(), command.Title!.Trim(), clock.GetUtcNow());
        return await store.CreateAsync(caller.Tenant, record, static (a, b) => a.Title == b.Title, ct).ConfigureAwait(false);
    }
}
