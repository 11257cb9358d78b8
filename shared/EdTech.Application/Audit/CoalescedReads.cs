using EdTech.Domain.Tenancy;

namespace EdTech.Application.Audit;

/// <summary>
/// The coalesced read-audit entries (one per reader, student, course and clock hour) this process has already appended in the
/// current hour, so a teacher refreshing a large gradebook does not send one store write per student per read only to find each
/// entry there (20,000 students: about four seconds of a read at the exam peak). Only a successful append is remembered; the
/// hour's ids are dropped when the hour changes. Bounded: past <see cref="Capacity"/> ids nothing more is remembered and reads
/// append as before (the entry id still makes that once). Other instances append their own first read of the hour, which the id
/// coalesces with this one's.
/// </summary>
public sealed class CoalescedReads
{
    public const int Capacity = 50_000;

    private readonly Lock _gate = new();
    private readonly HashSet<(TenantId Tenant, string Id)> _ids = [];
    private string _hour = "";

    /// <summary>Whether this process appended the entry <paramref name="id"/> of <paramref name="hour"/> already.</summary>
    public bool Appended(TenantId tenant, string hour, string id)
    {
        lock (_gate)
        {
            return _hour == hour && _ids.Contains((tenant, id));
        }
    }

    /// <summary>Remembers an appended entry of <paramref name="hour"/> (a new hour forgets the last one's).</summary>
    public void Remember(TenantId tenant, string hour, string id)
    {
        lock (_gate)
        {
            if (_hour != hour)
            {
                if (string.CompareOrdinal(hour, _hour) < 0)
                {
                    return; // a read that began in the hour before, finishing late: nothing of that hour is asked for again
                }

                _ids.Clear();
                _ids.TrimExcess();
                _hour = hour;
            }

            if (_ids.Count < Capacity)
            {
                _ids.Add((tenant, id));
            }
        }
    }
}
