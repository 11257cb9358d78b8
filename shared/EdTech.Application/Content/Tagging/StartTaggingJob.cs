using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Content.Tagging;

/// <summary>Body of POST /api/content/tagging-jobs: exactly one of a course or item ids (optionally within one assessment).</summary>
public sealed record StartTaggingJobCommand(string? CourseId, IReadOnlyList<string>? ItemIds, string? AssessmentId);

public sealed record TaggingJobAccepted(string JobId);

/// <summary>
/// Resolves the items (404 for an unknown course, 422 naming each unknown item id) and stores the job as queued
/// before the 202: the stored job is the command. The change feed starts its orchestration (<see cref="StartTaggingOnJob"/>),
/// and the reconciler re-drives a job left unfinished by a crash. Without a chat model the offline tagger tags the items (ISkillTagger).
/// </summary>
public sealed class StartTaggingJobHandler(IDocumentStore store, TimeProvider clock)
{
    public const int MaxItems = 200;

    public async Task<Outcome<TaggingJobAccepted>> HandleAsync(Caller caller, StartTaggingJobCommand command, CancellationToken ct)
    {
        var validation = Validate(command);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var resolved = command.CourseId is { } courseId
            ? await ForCourseAsync(caller, courseId, ct).ConfigureAwait(false)
            : await ForItemsAsync(caller, command.ItemIds!, command.AssessmentId, ct).ConfigureAwait(false);
        if (resolved.Problem is { } problem)
        {
            return problem;
        }

        var jobId = Guid.NewGuid().ToString("n");
        var job = new TaggingJobRecord(jobId, TaggingJobRecord.Queued, command.CourseId, resolved.Value!, caller.UserId, clock.GetUtcNow());
        await store.CreateAsync(caller.Tenant, job, ct).ConfigureAwait(false);
        return Outcome<TaggingJobAccepted>.New(new TaggingJobAccepted(jobId));
    }

    private static Validation Validate(StartTaggingJobCommand command)
    {
        var v = new Validation();
        if ((command.CourseId is null) == (command.ItemIds is null))
        {
            return v.Add(command.CourseId is null ? "courseId" : "itemIds", "Give exactly one of courseId or itemIds.");
        }

        v.Id(command.CourseId, "courseId").Id(command.AssessmentId, "assessmentId");
        if (command.ItemIds is { } ids)
        {
            v.Require(ids.Count is > 0 and <= MaxItems, "itemIds", $"Give 1 to {MaxItems} item ids.");
            for (var i = 0; i < ids.Count; i++)
            {
                v.Id(ids[i], $"itemIds[{i}]", required: true);
            }
        }

        return v;
    }

    private async Task<Outcome<IReadOnlyList<TaggingItemRef>>> ForCourseAsync(Caller caller, string courseId, CancellationToken ct)
    {
        if (await store.GetAsync<CourseRecord>(caller.Tenant, courseId, ct).ConfigureAwait(false) is null)
        {
            return Problem.NotFound("course");
        }

        var assessments = await store.QueryAsync<AssessmentRecord>(caller.Tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false);
        var items = assessments.SelectMany(a => a.Value.Assessment.Items.Select(i => new TaggingItemRef(a.Value.Id, i.Id))).ToList();
        return items.Count switch
        {
            0 => Problem.Invalid("courseId", "The course has no assessment items to tag."),
            > MaxItems => Problem.Invalid("courseId", $"The course has {items.Count} items; a job tags at most {MaxItems}. Send itemIds in batches."),
            _ => Outcome<IReadOnlyList<TaggingItemRef>>.Ok(items),
        };
    }

    private async Task<Outcome<IReadOnlyList<TaggingItemRef>>> ForItemsAsync(Caller caller, IReadOnlyList<string> itemIds, string? assessmentId, CancellationToken ct)
    {
        IReadOnlyList<Versioned<AssessmentRecord>> assessments;
        if (assessmentId is not null)
        {
            var one = await store.GetAsync<AssessmentRecord>(caller.Tenant, assessmentId, ct).ConfigureAwait(false);
            if (one is null)
            {
                return Problem.NotFound("assessment");
            }

            assessments = [one];
        }
        else
        {
            assessments = await store.QueryAsync<AssessmentRecord>(caller.Tenant, DocumentQuery.All, ct).ConfigureAwait(false);
        }

        var byItem = assessments.SelectMany(a => a.Value.Assessment.Items.Select(i => (ItemId: i.Id, AssessmentId: a.Value.Id))).ToLookup(x => x.ItemId, StringComparer.Ordinal);
        var v = new Validation();
        var items = new List<TaggingItemRef>();
        for (var i = 0; i < itemIds.Count; i++)
        {
            var matches = byItem[itemIds[i]].ToList();
            v.Require(matches.Count > 0, $"itemIds[{i}]", "No assessment item with this id is visible to you.");
            items.AddRange(matches.Select(m => new TaggingItemRef(m.AssessmentId, m.ItemId)));
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var distinct = items.Distinct().ToList();
        return distinct.Count > MaxItems
            ? Problem.Invalid("itemIds", $"These ids match {distinct.Count} items; a job tags at most {MaxItems}. Name the assessmentId.")
            : Outcome<IReadOnlyList<TaggingItemRef>>.Ok(distinct);
    }
}
