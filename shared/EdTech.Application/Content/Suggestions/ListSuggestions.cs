using EdTech.Domain.Serialization;
using System.Buffers.Text;
using System.Text;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Suggestions;

/// <summary>Query of GET /api/content/suggestions: a course (required), optionally a status, an assessment and an item; paged.</summary>
public sealed record ListSuggestionsQuery(string? CourseId, string? Status, string? AssessmentId, string? Limit, string? Next, string? ItemId = null);

/// <summary>
/// A course's suggestions, one single-partition query keyset-paged by id (<c>{assessmentId}:{itemId}</c>), filtered by status
/// assessment and item. 404 for a course the tenant does not have; 422 naming <c>courseId</c>, <c>status</c>, <c>assessmentId</c>, <c>itemId</c>,
/// <c>limit</c> or <c>next</c>.
/// </summary>
public sealed class ListSuggestionsHandler(IDocumentStore store)
{
    public async Task<Outcome<Page<SuggestionView>>> HandleAsync(Caller caller, ListSuggestionsQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var paging = PageRequest.Parse(query.Limit, next: null);
        var v = new Validation()
            .Id(query.CourseId, "courseId", required: true)
            .Id(query.AssessmentId, "assessmentId")
            .Id(query.ItemId, "itemId")
            .Require(query.Status is null || WireEnum.All<SuggestionStatus>().Contains(query.Status, StringComparer.Ordinal), "status",
                $"One of {string.Join(", ", WireEnum.All<SuggestionStatus>())}.");
        if (paging.Problem?.Errors is { } pagingErrors)
        {
            foreach (var (field, messages) in pagingErrors)
            {
                v.Add(field, messages[0]);
            }
        }

        string? after = null;
        v.Require(query.Next is null || (after = Decode(query.Next)) is not null, "next", "Not a token this list gave out.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        if (await store.GetAsync<CourseRecord>(caller.Tenant, query.CourseId!, ct).ConfigureAwait(false) is null)
        {
            return Problem.NotFound("course");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (query.Status is { } status)
        {
            fields["status"] = status;
        }

        if (query.AssessmentId is { } assessmentId)
        {
            fields["assessmentId"] = assessmentId;
        }

        if (query.ItemId is { } itemId)
        {
            fields["itemId"] = itemId;
        }

        var size = paging.Value!.Limit;
        // One more than asked tells whether a next page exists without a second query.
        var page = await store.QueryAsync<ItemSuggestionRecord>(caller.Tenant, new DocumentQuery(query.CourseId, fields, size + 1, after), ct).ConfigureAwait(false);
        var items = page.Take(size).Select(s => SuggestionView.Of(s.Value)).ToList();
        var next = page.Count > size ? Base64Url.EncodeToString(Encoding.UTF8.GetBytes(ItemSuggestionRecord.IdOf(items[^1].AssessmentId, items[^1].ItemId))) : null;
        return Outcome<Page<SuggestionView>>.Ok(new Page<SuggestionView>(items, next));
    }

    private static string? Decode(string token)
    {
        try
        {
            var id = token.Length > 400 ? null : Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return id?.Split(':') is [var a, var i] && ResourceId.IsValid(a) && ResourceId.IsValid(i) ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
