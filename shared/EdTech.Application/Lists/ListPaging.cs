using EdTech.Application.Common;

namespace EdTech.Application.Lists;

/// <summary>
/// The paging rule every caller list shares (the same as the suggestions and taxonomy lists): ask the store for one more
/// than the limit, keyset by id, so a next page is known without a second query and nothing is read beyond the page.
/// </summary>
internal static class ListPaging
{
    /// <summary>The page of <paramref name="size"/> items out of <paramref name="rows"/> (read with limit size + 1) and its continuation token.</summary>
    public static Page<TView> Of<TRow, TView>(IReadOnlyList<TRow> rows, int size, Func<TRow, TView?> view, Func<TRow, string> token)
        where TView : class
    {
        var kept = rows.Take(size).ToList();
        var items = kept.Select(view).OfType<TView>().ToList();
        return new Page<TView>(items, rows.Count > size ? PageRequest.TokenAfter(token(kept[^1])) : null);
    }

    /// <summary>
    /// The page request with the list's own filters checked in the same pass, so one 422 names every bad field (<c>limit</c>,
    /// <c>next</c> and the filters <paramref name="filters"/> adds).
    /// </summary>
    public static Outcome<PageRequest> Parse(string? limit, string? next, Action<Validation> filters)
    {
        var request = PageRequest.Parse(limit, next);
        var v = new Validation();
        filters(v);
        foreach (var (field, messages) in request.Problem?.Errors ?? new Dictionary<string, string[]>())
        {
            v.Add(field, messages[0]);
        }

        return v.IsValid ? request : v.ToProblem();
    }
}
