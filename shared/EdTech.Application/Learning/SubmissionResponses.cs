using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Learning;

/// <summary>
/// One submission's responses in a <see cref="LearnerStateFold"/> batch: what was stored for it (its folded document, else its
/// per-item documents from before the fold), so each item's previous answer is the marker its statistics' step reads, and the one
/// document the batch's answers are written to. The write is conditional (created when none was read, else replaced on the read
/// ETag), so a concurrent writer makes the batch fail and be redelivered rather than be overwritten.
/// </summary>
internal sealed class SubmissionResponses
{
    private readonly TenantId _tenant;
    private readonly SubmissionRecord _submission;
    private readonly Versioned<SubmissionResponsesRecord>? _stored;
    private readonly IReadOnlyList<ResponseRecord> _before;
    private readonly Dictionary<string, ItemResponse> _previous = new(StringComparer.Ordinal);

    private SubmissionResponses(TenantId tenant, SubmissionRecord submission, Versioned<SubmissionResponsesRecord>? stored, IReadOnlyList<ResponseRecord> perItem)
    {
        _tenant = tenant;
        _submission = submission;
        _stored = stored;
        _before = stored is null ? [.. perItem.OrderBy(r => r.Id, StringComparer.Ordinal)] : [.. stored.Value.Expand()];
        foreach (var answer in _before)
        {
            _previous.TryAdd(answer.ItemId, new ItemResponse(answer.ItemId, answer.Correct, answer.EloK));
        }
    }

    public TenantId Tenant => _tenant;

    public string UserId => _submission.UserId;

    public static async Task<SubmissionResponses> ReadAsync(IDocumentStore store, TenantId tenant, SubmissionRecord submission, CancellationToken ct)
    {
        var (folded, perItem) = await StoredResponses.OfSubmissionAsync(store, tenant, submission.CourseId, submission.Id, ct).ConfigureAwait(false);
        return new SubmissionResponses(tenant, submission, folded, perItem);
    }

    /// <summary>The item's answer as stored (its outcome and the Elo K it was counted with); null when it was never counted.</summary>
    public ItemResponse? Previous(string itemId) => _previous.GetValueOrDefault(itemId);

    /// <summary>
    /// Writes the submission's document with the batch's <paramref name="answered"/> items (a regrade replaces the whole document;
    /// an item stored before and not answered now keeps its entry), unless it holds exactly what is stored already.
    /// </summary>
    public async Task WriteAsync(IDocumentStore store, IEnumerable<ItemResponse> answered, CancellationToken ct)
    {
        var now = answered.GroupBy(i => i.ItemId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var items = _previous.Values.Where(p => !now.ContainsKey(p.ItemId)).Concat(now.Values).OrderBy(i => i.ItemId, StringComparer.Ordinal).ToList();
        var s = _submission;
        var next = new SubmissionResponsesRecord(SubmissionResponsesRecord.IdFor(s.Id), s.CourseId, s.AssessmentId, s.UserId, s.Id, s.AssessmentVersion, s.ReceivedAt, items);
        if (_before.SequenceEqual(next.Expand()))
        {
            return;
        }

        var (status, _) = _stored is null
            ? await store.CreateAsync(_tenant, next, ct).ConfigureAwait(false)
            : await store.ReplaceAsync(_tenant, next, _stored.ETag, ct).ConfigureAwait(false);
        if (status is not (WriteStatus.Created or WriteStatus.Replaced))
        {
            throw new ConcurrencyConflictException($"A concurrent write changed the responses of {s.Id}; the batch is redelivered.");
        }
    }
}
