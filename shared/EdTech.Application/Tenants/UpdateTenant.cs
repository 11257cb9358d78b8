using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tenants.Directory;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tenants;

/// <summary>
/// PATCH body (JSON Merge Patch): absent fields stay; null clears parentId and entraTenantIds, and resets
/// a quota to the platform default; in <c>features</c>, true/false sets a flag and null removes it.
/// Kind and status are not patchable (status changes through suspend/reactivate).
/// </summary>
public sealed record UpdateTenantCommand(
    Optional<string?> Name,
    Optional<string?> TimeZone,
    Optional<string?> ParentId,
    QuotasPatch? Quotas,
    Optional<Dictionary<string, bool?>?> Features,
    Optional<string[]?> EntraTenantIds);

public sealed record QuotasPatch(Optional<int?> MaxStudents, Optional<int?> MaxSubmissionsPerMinute, Optional<int?> StorageMb)
{
    /// <summary>The GenAI tagger's monthly token budget (0 turns the chat model off; null: the platform setting).</summary>
    public Optional<long?> MonthlyTokenBudget { get; init; }
}

public sealed class UpdateTenantHandler(IDocumentStore store, TimeProvider clock, TenantDirectory directory, DirectoryTenantResolver resolver)
{
    /// <param name="ifMatch">The client's If-Match ETag: a stale one is 412; without it the change is applied to the latest version.</param>
    public async Task<Outcome<Versioned<TenantRecord>>> HandleAsync(string id, UpdateTenantCommand command, string? ifMatch, CancellationToken ct)
    {
        var v = UpdateTenantValidator.Validate(command);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var stored = TenantId.IsValid(id) ? await store.GetAsync<TenantRecord>(TenantId.Platform, id, ct).ConfigureAwait(false) : null;
            if (stored is null)
            {
                return Problem.NotFound("tenant");
            }

            if (ifMatch is not null && ifMatch != stored.ETag)
            {
                return Stale;
            }

            var updated = Apply(stored.Value, command) with { UpdatedAt = clock.GetUtcNow() };
            if (command.ParentId.IsSet && updated.ParentId != stored.Value.ParentId)
            {
                await TenantHierarchy.ValidateParentAsync(store, id, updated.ParentId, v, ct).ConfigureAwait(false);
                if (!v.IsValid)
                {
                    return v.ToProblem();
                }
            }

            var released = stored.Value.EntraTenantIds.Except(updated.EntraTenantIds, StringComparer.Ordinal).ToList();
            if (await DirectoryMappings.ClaimAsync(store, id, updated.EntraTenantIds, ct).ConfigureAwait(false) is { } conflict)
            {
                return conflict;
            }

            var (status, written) = await store.ReplaceAsync(TenantId.Platform, updated, stored.ETag, ct).ConfigureAwait(false);
            if (status == WriteStatus.PreconditionFailed)
            {
                if (ifMatch is not null)
                {
                    return Stale;
                }

                continue;
            }

            await DirectoryMappings.ReleaseAsync(store, id, released, ct).ConfigureAwait(false);
            directory.Invalidate(id);
            resolver.Invalidate(released.Concat(updated.EntraTenantIds));
            return Outcome<Versioned<TenantRecord>>.Ok(written!);
        }

        return Problem.Conflict("The tenant changed concurrently; retry.");
    }

    private static Problem Stale => new(ProblemKind.PreconditionFailed, "Precondition failed", "The tenant changed since that ETag; GET it again.");

    private static TenantRecord Apply(TenantRecord t, UpdateTenantCommand c)
    {
        var quotas = c.Quotas is { } q
            ? new TenantQuotas(q.MaxStudents.Or(t.Quotas.MaxStudents), q.MaxSubmissionsPerMinute.Or(t.Quotas.MaxSubmissionsPerMinute), q.StorageMb.Or(t.Quotas.StorageMb))
            {
                MonthlyTokenBudget = q.MonthlyTokenBudget.Or(t.Quotas.MonthlyTokenBudget),
            }
            : t.Quotas;
        var features = new Dictionary<string, bool>(t.Features, StringComparer.Ordinal);
        if (c.Features.IsSet)
        {
            foreach (var (key, value) in c.Features.Value ?? new Dictionary<string, bool?>())
            {
                if (value is { } on)
                {
                    features[key] = on;
                }
                else
                {
                    features.Remove(key);
                }
            }
        }

        var directories = c.EntraTenantIds.IsSet
            ? (c.EntraTenantIds.Value ?? []).Select(d => { DirectoryIds.TryNormalize(d, out var n); return n; }).Distinct(StringComparer.Ordinal).ToList()
            : t.EntraTenantIds;
        return t with
        {
            Name = c.Name.IsSet ? c.Name.Value!.Trim() : t.Name,
            TimeZone = c.TimeZone.Or(t.TimeZone)!,
            ParentId = c.ParentId.Or(t.ParentId),
            Quotas = quotas,
            Features = features,
            EntraTenantIds = directories,
        };
    }
}
