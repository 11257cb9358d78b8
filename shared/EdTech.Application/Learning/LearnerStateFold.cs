using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Learning;
using EdTech.Domain.Learning.EloModel;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Learning;

/// <summary>
/// One <see cref="LearnerStateHandler"/> batch held in memory: every item statistic, learner state and submission's responses the
/// batch touches is read once, the batch's answers and contributions are applied to it in feed order, and <see cref="FlushAsync"/> writes each
/// changed document once. Item statistics keep their answers as steps: a write that loses an ETag race or finds the statistic
/// created meanwhile (another instance's batch; a missing document is created, never upserted over) re-reads it and replays the
/// steps on it, and each response's Elo K is the one its step used in the write that
/// stuck. Write order: statistics, then each submission's responses as one document (<see cref="SubmissionResponses"/>, the
/// redelivery marker of each of its items), then learner states.
/// </summary>
internal sealed class LearnerStateFold(IDocumentStore store, TimeProvider clock)
{
    private const int MaxConflictRetries = 8;

    private readonly Dictionary<(TenantId Tenant, string Id), ItemStatsSteps> _stats = [];
    private readonly List<ItemStatsSteps> _statsInOrder = [];
    private readonly List<Answer> _answers = [];
    private readonly Dictionary<(TenantId Tenant, string SubmissionId), SubmissionResponses> _responses = [];
    private readonly Dictionary<(TenantId Tenant, string Id), StateChanges> _states = [];
    private readonly List<StateChanges> _statesInOrder = [];

    /// <summary>The student's learner state as this batch has left it so far (null: none yet).</summary>
    public async Task<LearnerStateRecord?> StateAsync(TenantId tenant, string stateId, CancellationToken ct)
    {
        if (!_states.TryGetValue((tenant, stateId), out var state))
        {
            state = new StateChanges(tenant, stateId, await store.GetAsync<LearnerStateRecord>(tenant, stateId, ct).ConfigureAwait(false));
            _states.Add((tenant, stateId), state);
            _statesInOrder.Add(state);
        }

        return state.Current;
    }

    /// <summary>Replaces (or adds) the submission's contribution in the student's learner state; <see cref="StateAsync"/> read it first.</summary>
    public void Contribute(TenantId tenant, string courseId, string userId, SubmissionContribution contribution) =>
        _states[(tenant, LearnerStateRecord.IdFor(courseId, userId))].Add(courseId, userId, contribution, clock.GetUtcNow());

    /// <summary>Counts one answer in its item's statistics (in memory) and remembers its response.</summary>
    public async Task AnswerAsync(TenantId tenant, SubmissionRecord submission, ItemOutcome item, double ability, CancellationToken ct)
    {
        if (!_responses.TryGetValue((tenant, submission.Id), out var responses))
        {
            responses = await SubmissionResponses.ReadAsync(store, tenant, submission, ct).ConfigureAwait(false);
            _responses.Add((tenant, submission.Id), responses);
        }

        var id = ItemStatsRecord.IdFor(submission.AssessmentId, item.ItemId);
        if (!_stats.TryGetValue((tenant, id), out var stats))
        {
            var stored = await store.GetAsync<ItemStatsRecord>(tenant, id, submission.CourseId, ct).ConfigureAwait(false);
            stats = new ItemStatsSteps(tenant, id, submission.CourseId, submission.AssessmentId, item.ItemId, stored);
            _stats.Add((tenant, id), stats);
            _statsInOrder.Add(stats);
        }

        var answer = new Answer(responses, item, ability, responses.Previous(item.ItemId));
        stats.Add(answer);
        _answers.Add(answer);
    }

    /// <summary>Elo difficulty per "{assessmentId}:{itemId}" as stored, with this batch's statistics of the course over it.</summary>
    public IReadOnlyDictionary<string, double> Overlay(TenantId tenant, string courseId, IReadOnlyDictionary<string, double> stored)
    {
        var merged = new Dictionary<string, double>(stored, StringComparer.Ordinal);
        foreach (var stats in _statsInOrder.Where(s => s.Tenant == tenant && s.CourseId == courseId))
        {
            merged[stats.Id] = stats.Current.Difficulty;
        }

        return merged;
    }

    /// <summary>
    /// Writes each changed statistic, response and learner state once; returns the students whose learner state changed (their
    /// recommendations are rebuilt next). A student erased meanwhile is skipped: the erasure guard refused or undid the write.
    /// </summary>
    public async Task<IReadOnlyList<(TenantId Tenant, string UserId)>> FlushAsync(CancellationToken ct)
    {
        foreach (var stats in _statsInOrder)
        {
            await stats.WriteAsync(store, ct).ConfigureAwait(false);
        }

        var erased = new HashSet<(TenantId, string)>();
        foreach (var submission in _answers.GroupBy(a => a.Responses))
        {
            var responses = submission.Key;
            if (erased.Contains((responses.Tenant, responses.UserId)))
            {
                continue;
            }

            try
            {
                await responses.WriteAsync(store, submission.Select(a => new ItemResponse(a.Item.ItemId, a.Item.Correct, a.K)), ct).ConfigureAwait(false);
            }
            catch (SubjectErasedException)
            {
                erased.Add((responses.Tenant, responses.UserId));
            }
        }

        var changed = new List<(TenantId Tenant, string UserId)>();
        foreach (var state in _statesInOrder.Where(s => s.Changed && !erased.Contains((s.Tenant, s.Current!.UserId))))
        {
            try
            {
                await state.WriteAsync(store, ct).ConfigureAwait(false);
                changed.Add((state.Tenant, state.Current!.UserId));
            }
            catch (SubjectErasedException)
            {
                // Erased since the batch was read: nothing of theirs is kept, and no recommendations are rebuilt for them.
            }
        }

        return changed;
    }

    /// <summary>One answer of a submission to an item; <see cref="K"/> is set when its statistics' steps are replayed.</summary>
    private sealed class Answer(SubmissionResponses responses, ItemOutcome item, double ability, ItemResponse? previous)
    {
        public SubmissionResponses Responses => responses;

        public ItemOutcome Item => item;

        public double Ability => ability;

        /// <summary>The item's answer as stored for the submission (its marker), null when never counted.</summary>
        public ItemResponse? Previous => previous;

        public double K { get; set; }
    }

    /// <summary>An item's statistics as read, and the batch's answers to it replayed on them in order.</summary>
    private sealed class ItemStatsSteps(TenantId tenant, string id, string courseId, string assessmentId, string itemId, Versioned<ItemStatsRecord>? stored)
    {
        private readonly List<Answer> _steps = [];
        private Versioned<ItemStatsRecord>? _stored = stored;
        private bool _changed;

        public TenantId Tenant => tenant;

        public string Id => id;

        public string CourseId => courseId;

        public ItemStatsRecord Current { get; private set; } = stored?.Value ?? new ItemStatsRecord(id, courseId, assessmentId, itemId, 0, 0, 0);

        public void Add(Answer answer)
        {
            _steps.Add(answer);
            var (next, changed) = Step(Current, answer);
            Current = next;
            _changed |= changed;
        }

        /// <summary>Writes the statistics once (if any step changed them); on a lost ETag race re-reads and replays the steps.</summary>
        public async Task WriteAsync(IDocumentStore store, CancellationToken ct)
        {
            for (var attempt = 1; _changed; attempt++)
            {
                // A statistic none was read for is created, never upserted: another batch may have created it meanwhile.
                if (await store.WriteOverAsync(tenant, Current, _stored, ct).ConfigureAwait(false))
                {
                    return;
                }

                if (attempt >= MaxConflictRetries)
                {
                    throw new ConcurrencyConflictException($"Concurrent writes kept changing the item statistics {id}; the batch is redelivered.");
                }

                _stored = await store.GetAsync<ItemStatsRecord>(tenant, id, courseId, ct).ConfigureAwait(false);
                Current = _stored?.Value ?? new ItemStatsRecord(id, courseId, assessmentId, itemId, 0, 0, 0);
                _changed = false;
                foreach (var answer in _steps)
                {
                    var (next, changed) = Step(Current, answer);
                    Current = next;
                    _changed |= changed;
                }
            }
        }

        /// <summary>One answer's Elo step (the answer's K is set); unchanged statistics for a regrade that keeps the outcome.</summary>
        private static (ItemStatsRecord Next, bool Changed) Step(ItemStatsRecord stats, Answer answer)
        {
            var correct = answer.Item.Correct;
            if (answer.Previous?.EloK is { } counted)
            {
                answer.K = counted;
                // Regraded: the Elo step is linear in the outcome, so swapping the outcome moves the rating by K·(old − new).
                var delta = (answer.Previous.Correct ? 1 : 0) - (correct ? 1 : 0);
                return delta == 0 ? (stats, false) : (stats with { Correct = stats.Correct - delta, Difficulty = stats.Difficulty + (counted * delta) }, true);
            }

            var k = EloOptions.Default.K(stats.Attempts);
            answer.K = k;
            var surprise = (correct ? 1 : 0) - Logistic.Sigmoid(answer.Ability - stats.Difficulty);
            return (stats with { Attempts = stats.Attempts + 1, Correct = stats.Correct + (correct ? 1 : 0), Difficulty = stats.Difficulty - (k * surprise) }, true);
        }
    }

    /// <summary>A student's learner state as read, and the contributions the batch replaced or added, in order.</summary>
    private sealed class StateChanges(TenantId tenant, string id, Versioned<LearnerStateRecord>? stored)
    {
        private readonly List<SubmissionContribution> _added = [];
        private Versioned<LearnerStateRecord>? _stored = stored;

        public TenantId Tenant => tenant;

        public LearnerStateRecord? Current { get; private set; } = stored?.Value;

        public bool Changed => _added.Count > 0;

        public void Add(string courseId, string userId, SubmissionContribution contribution, DateTimeOffset now)
        {
            _added.Add(contribution);
            Current = With(Current, courseId, userId, contribution, now);
        }

        /// <summary>Writes the state once; on a lost ETag race re-reads it and replaces the batch's contributions in it again.</summary>
        public async Task WriteAsync(IDocumentStore store, CancellationToken ct)
        {
            for (var attempt = 1; ; attempt++)
            {
                if (await store.WriteOverAsync(tenant, Current!, _stored, ct).ConfigureAwait(false))
                {
                    return;
                }

                if (attempt >= MaxConflictRetries)
                {
                    throw new ConcurrencyConflictException($"Concurrent writes kept changing the learner state {id}; the batch is redelivered.");
                }

                _stored = await store.GetAsync<LearnerStateRecord>(tenant, id, ct).ConfigureAwait(false);
                var rebuilt = _stored?.Value;
                foreach (var contribution in _added)
                {
                    rebuilt = With(rebuilt, Current!.CourseId, Current.UserId, contribution, Current.UpdatedAt);
                }

                Current = rebuilt;
            }
        }

        private LearnerStateRecord With(LearnerStateRecord? state, string courseId, string userId, SubmissionContribution contribution, DateTimeOffset now)
        {
            var others = state?.Contributions.Where(c => c.SubmissionId != contribution.SubmissionId) ?? [];
            return new LearnerStateRecord(id, courseId, userId, [.. others, contribution], now);
        }
    }
}
