using System.Globalization;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Tagging;

/// <summary>A tenant's chat-model token budget for one month, as GET /api/content/tagging/budget shows it.</summary>
/// <param name="Month">The calendar month, <c>yyyy-MM</c> (UTC).</param>
public sealed record TaggingBudgetView(string Month, long Used, long Budget, long Remaining);

/// <summary>
/// The per-tenant monthly token budget of the GenAI tagger: counts input + output tokens per tenant and calendar month (UTC,
/// the month Azure bills in) in <see cref="TaggingTokenUsageRecord"/>, and says when the month's budget is spent (the
/// tagger then answers offline). The budget is the tenant's registry quota <c>monthlyTokenBudget</c>, else
/// <see cref="TaggingBudgetSettings"/>. Enforcement is checked before each model call, so a month can overrun by at most
/// the calls already in flight (one item each, a few hundred tokens).
/// </summary>
public sealed class TaggingTokenBudget(IDocumentStore store, TaggingBudgetSettings settings, TimeProvider clock)
{
    private const int MaxAttempts = 10;

    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async Task<TaggingBudgetView> ReadAsync(TenantId tenant, CancellationToken ct)
    {
        var month = MonthOf(clock.GetUtcNow());
        var usage = await store.GetAsync<TaggingTokenUsageRecord>(tenant, month, month, ct).ConfigureAwait(false);
        var budget = await BudgetOfAsync(tenant, ct).ConfigureAwait(false);
        var used = usage?.Value.Used ?? 0;
        return new TaggingBudgetView(month, used, budget, Math.Max(0, budget - used));
    }

    /// <summary>True when this month's tokens have reached the tenant's budget (a budget of 0 turns the chat model off).</summary>
    public async Task<bool> IsSpentAsync(TenantId tenant, CancellationToken ct) =>
        (await ReadAsync(tenant, ct).ConfigureAwait(false)).Remaining <= 0;

    /// <summary>Adds <paramref name="tokens"/> to this month's count (ETag-checked, retried on a concurrent write).</summary>
    public async Task AddAsync(TenantId tenant, long tokens, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        var now = clock.GetUtcNow();
        var month = MonthOf(now);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await store.GetAsync<TaggingTokenUsageRecord>(tenant, month, month, ct).ConfigureAwait(false);
            var status = stored is null
                ? (await store.CreateAsync(tenant, new TaggingTokenUsageRecord(month, tokens, 1, now), ct).ConfigureAwait(false)).Status
                : (await store.ReplaceAsync(tenant, stored.Value with { Used = stored.Value.Used + tokens, Calls = stored.Value.Calls + 1, UpdatedAt = now }, stored.ETag, ct).ConfigureAwait(false)).Status;
            if (status is WriteStatus.Created or WriteStatus.Replaced)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The tagging token count of {tenant} for {month} kept changing under its update.");
    }

    private async Task<long> BudgetOfAsync(TenantId tenant, CancellationToken ct)
    {
        var record = await store.GetAsync<TenantRecord>(TenantId.Platform, tenant.Value, ct).ConfigureAwait(false);
        return record?.Value.Quotas.MonthlyTokenBudget ?? settings.MonthlyTokenBudget;
    }
}
