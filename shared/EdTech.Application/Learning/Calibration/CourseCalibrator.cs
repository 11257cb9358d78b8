using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Learning;
using EdTech.Domain.Learning.EloModel;
using EdTech.Domain.Learning.IrtModel;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Learning.Calibration;

/// <param name="Skipped">Why nothing was refitted (too few students), else null.</param>
public sealed record CalibrationSummary(string CourseId, int Persons, int Responses, int Calibrated, int KeptDefaults, int Flagged, string? Skipped);

/// <summary>
/// Refits 2PL item parameters of one course from its stored responses (<see cref="StoredResponses"/>: each answer once, whichever
/// shape stores it; each student's latest answer per item). Guards:
/// no fit below <see cref="LearningOptions.CalibrationMinPersons"/> students; an item with fewer than
/// <see cref="LearningOptions.CalibrationMinResponsesPerItem"/> responses is left out and keeps its defaults (Elo / none).
/// Flags items whose discrimination is low (&lt; 0.2), or negative: the log-normal prior keeps the fitted a positive, so a
/// negative relation shows as a negative item-rest correlation (right answers from students who score lower on the rest).
/// </summary>
public sealed class CourseCalibrator(IDocumentStore store, LearningOptions options, TimeProvider clock, ILogger<CourseCalibrator> logger)
{
    public const double LowDiscrimination = 0.2;

    public async Task<CalibrationSummary> CalibrateAsync(TenantId tenant, string courseId, CancellationToken ct)
    {
        var stored = await StoredResponses.InCourseAsync(store, tenant, courseId, ct).ConfigureAwait(false);
        var latest = stored
            .GroupBy(r => (r.UserId, Item: ItemParametersRecord.IdFor(r.AssessmentId, r.ItemId)))
            .Select(g => g.OrderByDescending(r => r.AnsweredAt).ThenByDescending(r => r.SubmissionId, StringComparer.Ordinal).First())
            .ToList();
        var persons = latest.Select(r => r.UserId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var byItem = latest.GroupBy(r => ItemParametersRecord.IdFor(r.AssessmentId, r.ItemId), StringComparer.Ordinal).ToList();
        if (persons.Count < options.CalibrationMinPersons)
        {
            logger.LogInformation("Calibration of {CourseId} skipped: {Persons} students", courseId, persons.Count);
            return new CalibrationSummary(courseId, persons.Count, latest.Count, 0, byItem.Count, 0, $"fewer than {options.CalibrationMinPersons} students");
        }

        var eligible = byItem.Where(g => g.Count() >= options.CalibrationMinResponsesPerItem).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (eligible.Count == 0)
        {
            return new CalibrationSummary(courseId, persons.Count, latest.Count, 0, byItem.Count, 0, null);
        }

        var personIndex = persons.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var responses = eligible.SelectMany((g, item) => g.Select(r => new IrtResponse(personIndex[r.UserId], item, r.Correct))).ToList();
        var fit = IrtCalibrator.Calibrate(responses, eligible.Count, IrtCalibrationOptions.Default);
        var restCorrelations = ItemRestCorrelations(responses, eligible.Count, persons.Count);
        var now = clock.GetUtcNow();
        var flagged = 0;
        for (var i = 0; i < eligible.Count; i++)
        {
            var first = eligible[i].First();
            var item = fit.Items[i];
            var flag = Flag(item.Discrimination, restCorrelations[i]);
            flagged += flag is null ? 0 : 1;
            var record = new ItemParametersRecord(eligible[i].Key, courseId, first.AssessmentId, first.ItemId, Math.Round(item.Discrimination, 4),
                Math.Round(item.Difficulty, 4), eligible[i].Count(), Math.Round(restCorrelations[i], 4), flag, now);
            Written.Ensure(await store.ReplaceAsync(tenant, record, null, ct).ConfigureAwait(false));
        }

        logger.LogInformation("Calibrated {Items} items of {CourseId} from {Responses} responses; {Flagged} flagged", eligible.Count, courseId, responses.Count, flagged);
        return new CalibrationSummary(courseId, persons.Count, latest.Count, eligible.Count, byItem.Count - eligible.Count, flagged, null);
    }

    public static string? Flag(double discrimination, double itemRestCorrelation) =>
        itemRestCorrelation < 0 ? ItemParametersRecord.NegativeDiscrimination
        : discrimination < LowDiscrimination ? ItemParametersRecord.LowDiscrimination
        : null;

    /// <summary>Per item, the Pearson correlation between its score and the student's proportion right on the other items they answered.</summary>
    public static double[] ItemRestCorrelations(IReadOnlyList<IrtResponse> responses, int items, int persons)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var right = new double[persons];
        var answered = new double[persons];
        foreach (var r in responses)
        {
            answered[r.Person]++;
            right[r.Person] += r.Correct ? 1 : 0;
        }

        var result = new double[items];
        foreach (var group in responses.GroupBy(r => r.Item))
        {
            var pairs = group.Where(r => answered[r.Person] > 1)
                .Select(r => (X: r.Correct ? 1.0 : 0.0, Y: (right[r.Person] - (r.Correct ? 1 : 0)) / (answered[r.Person] - 1))).ToList();
            result[group.Key] = Pearson(pairs);
        }

        return result;
    }

    private static double Pearson(IReadOnlyList<(double X, double Y)> pairs)
    {
        if (pairs.Count < 2)
        {
            return 0;
        }

        var mx = pairs.Average(p => p.X);
        var my = pairs.Average(p => p.Y);
        var sxy = pairs.Sum(p => (p.X - mx) * (p.Y - my));
        var sxx = pairs.Sum(p => (p.X - mx) * (p.X - mx));
        var syy = pairs.Sum(p => (p.Y - my) * (p.Y - my));
        return sxx <= 0 || syy <= 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
