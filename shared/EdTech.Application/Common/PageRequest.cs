using System.Buffers.Text;
using System.Text;

namespace EdTech.Application.Common;

/// <summary>
/// A list request as API.md (v2) pages lists: <c>?limit=</c> (default 50, at most 200) and an opaque <c>?next=</c>
/// token, here the last id of the previous page (base64url), used as a keyset cursor.
/// </summary>
public sealed record PageRequest(int Limit, string? AfterId)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The request, or a 422 naming <c>limit</c> or <c>next</c>.</summary>
    public static Outcome<PageRequest> Parse(string? limit, string? next)
    {
        var v = new Validation();
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            v.Add("limit", $"A whole number from 1 to {MaxLimit}.");
        }

        string? after = null;
        if (next is not null && (next.Length > 400 || (after = Decode(next)) is null))
        {
            v.Add("next", "Not a token this list gave out.");
        }

        return v.IsValid ? Outcome<PageRequest>.Ok(new PageRequest(size, after)) : v.ToProblem();
    }

    /// <summary>The token that continues after <paramref name="lastId"/>.</summary>
    public static string TokenAfter(string lastId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastId));

    /// <summary>
    /// An id a list can end a page on: a resource id, or a composite record id of resource ids joined by ':' (audit entries,
    /// enrollments). The cursor only ever reaches the store as a query parameter.
    /// </summary>
    private static bool IsStoredId(string id) =>
        id.Length <= 400 && id.Split(':').All(Domain.Tenancy.ResourceId.IsValid);

    private static string? Decode(string token)
    {
        try
        {
            var id = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return IsStoredId(id) ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>A page of a list: <c>{items, next?}</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
