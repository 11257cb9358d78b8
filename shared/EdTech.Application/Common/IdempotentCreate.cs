using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Common;

public static class IdempotentCreate
{
    /// <summary>
    /// API.md: creating with an existing id and the same content returns the stored resource; with
    /// different content, 409. <paramref name="sameContent"/> compares the client-supplied fields only.
    /// </summary>
    public static async Task<Outcome<T>> CreateAsync<T>(this IDocumentStore store, TenantId tenant, T record, Func<T, T, bool> sameContent, CancellationToken ct)
        where T : class, IStoredRecord
    {
        var (status, stored) = await store.CreateAsync(tenant, record, ct).ConfigureAwait(false);
        return status switch
        {
            WriteStatus.Created => Outcome<T>.New(stored!.Value),
            WriteStatus.AlreadyExists when sameContent(stored!.Value, record) => Outcome<T>.Ok(stored.Value),
            _ => Problem.Conflict($"A {typeof(T).Name.Replace("Record", string.Empty, StringComparison.Ordinal).ToLowerInvariant()} with id '{record.Id}' already exists with different content."),
        };
    }
}
