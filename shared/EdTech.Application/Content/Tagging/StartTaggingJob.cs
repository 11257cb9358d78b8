using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Content.Tagging;

/// <summary>Body of POST /api/content/tagging-jobs: exactly one of a course or item ids (optionally within one assessment).</summary>
public sealed record StartTaggingJobCommand(string? CourseId, IReadOnlyList<string>? ItemIds, string? AssessmentId);

public sealed record TaggingJobAccepted(string JobId);

/// <summary>
/// Resolves the items (404 for an unknown course, 422 naming each unknown item id) and stores the job as queued
/// before the 202: the stored job is the command. The item refs go into <see cref="TaggingPageRecord"/>s of
/// <see cref="TaggingJobRecord.DefaultPageSize"/> refs, written first (a course is read <see cref="AssessmentPage"/>
/// assessments at a time and never held whole); the job record, written last, keeps counts only. The change feed starts its orchestration (<see cref="StartTaggingOnJob"/>),
/// and the reconciler re-drives a job left unfinished by a crash. Without a chat model the offline tagger tags the items (ISkillTagger).
/// </summary>
public sealed class StartTaggingJobHandler(IDocumentStore store, TimeProvider clock)
{
    /// <summary>At most this many item ids in one request (the body is read whole).</summary>
    public const int MaxItems = 200;

    /// <summary>At most this many items in a course job (a hundred page records).</summary>
    public const int MaxCourseItems = 100_000;

    /// <summary>Assessments read per query while resolving a course.</summary>
    public const int AssessmentPage = 50;

    public async Task<Outcome<TaggingJobAccepted>> HandleAsync(Caller caller, StartTaggingJobCommand command, CancellationToken ct)
    {
        var validation = Validate(command);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var jobId = Guid.NewGuid().ToString("n");
        var pages = new TaggingPageWriter(store, caller.Tenant, jobId);
        Problem? problem;
        if (command.CourseId is { } courseId)
        {
            problem = await ForCourseAsync(caller, courseId, pages, ct).ConfigureAwait(false);
        }
        else
        {
            var resolved = await ForItemsAsync(caller, command.ItemIds!, command.AssessmentId, ct).ConfigureAwait(false);
            problem = resolved.Problem;
            foreach (var item in resolved.Value ?? [])
            {
                await pages.AddAsync(item, ct).ConfigureAwait(false);
            }
        }

        if (problem is not null)
        {
            await pages.DeleteAsync(ct).ConfigureAwait(false);
            return problem;
        }

        await pages.FlushAsync(ct).ConfigureAwait(false);
        var job = new TaggingJobRecord(jobId, TaggingJobStatus.Queued, command.CourseId, pages.Total, TaggingJobRecord.DefaultPageSize,
            TaggingJobRecord.DefaultChunkSize, caller.UserId, clock.GetUtcNow());
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

    /// <summary>Pages the course's assessments by id and writes their item refs page by page; a problem when there are none or too many.</summary>
    private async Task<Problem?> ForCourseAsync(Caller caller, string courseId, TaggingPageWriter pages, CancellationToken ct)
    {
        if (await store.GetAsync<CourseRecord>(caller.Tenant, courseId, ct).ConfigureAwait(false) is null)
        {
            return Problem.NotFound("course");
        }

        string? after = null;
        while (true)
        {
            var assessments = await store.QueryAsync<AssessmentRecord>(caller.Tenant, new DocumentQuery(courseId, Limit: AssessmentPage, AfterId: after), ct).ConfigureAwait(false);
            foreach (var item in assessments.SelectMany(a => a.Value.Assessment.Items.Select(i => new TaggingItemRef(a.Value.Id, i.Id))))
            {
                if (pages.Total == MaxCourseItems)
                {
                    return Problem.Invalid("courseId", $"The course has more than {MaxCourseItems} items; a job tags at most {MaxCourseItems}. Send itemIds in batches.");
                }

                await pages.AddAsync(item, ct).ConfigureAwait(false);
            }

            if (assessments.Count < AssessmentPage)
            {
                return pages.Total == 0 ? Problem.Invalid("courseId", "The course has no assessment items to tag.") : null;
            }

            after = assessments[^1].Value.Id;
        }
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
