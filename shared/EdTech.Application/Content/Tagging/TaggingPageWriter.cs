using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Tagging;

/// <summary>Buffers refs and writes each full page as a <see cref="TaggingPageRecord"/>; <see cref="DeleteAsync"/> removes what it wrote.</summary>
internal sealed class TaggingPageWriter(IDocumentStore store, TenantId tenant, string jobId)
{
    private readonly List<TaggingItemRef> _buffer = new(TaggingJobRecord.DefaultPageSize);
    private int _written;

    public int Total { get; private set; }

    public async Task AddAsync(TaggingItemRef item, CancellationToken ct)
    {
        _buffer.Add(item);
        Total++;
        if (_buffer.Count == TaggingJobRecord.DefaultPageSize)
        {
            await FlushAsync(ct).ConfigureAwait(false);
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        await store.ReplaceAsync(tenant, new TaggingPageRecord(TaggingPageRecord.IdFor(jobId, _written), jobId, _written, [.. _buffer]), ifMatch: null, ct).ConfigureAwait(false);
        _written++;
        _buffer.Clear();
    }

    public async Task DeleteAsync(CancellationToken ct)
    {
        for (var page = 0; page < _written; page++)
        {
            await store.DeleteAsync(tenant, TaggingPageRecord.Container, TaggingPageRecord.IdFor(jobId, page), cancellationToken: ct).ConfigureAwait(false);
        }
    }
}
