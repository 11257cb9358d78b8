using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Application.Telemetry;
using EdTech.Bff.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EdTech.Bff.Tests.Telemetry;

/// <summary>
/// Change-feed deliveries per auto-graded submission through the real LocalHost pump (issue 17: the exam-peak benchmark's
/// "change-feed changes delivered", here without a benchmark): each submission's two writes to <c>submissions</c> reach two
/// consumers (start-grading, and submission-insights whose first part writes the views), not seven, and nothing else it causes
/// reaches a consumer but its integration event (carrying the student's notification): 3 consumers per submission, from 7. In the telemetry collection, which runs
/// alone: the counter is process-wide.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class ChangeFeedDeliveriesPerSubmissionTests(ITestOutputHelper output)
{
    private const int Submissions = 6;

    [Fact]
    public async Task AutoGradedSubmissions_AreDeliveredToTwoConsumersOfSubmissions_AtMostTwoChangesEach()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var school = await School.CreateAsync(factory, client);
        var students = new List<string> { school.Student1, school.Student2 };
        for (var i = students.Count; i < Submissions; i++)
        {
            students.Add(await school.AddStudentAsync($"s{i + 1}"));
        }

        await Settled.FeedAsync(factory);
        var delivered = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using (var listener = Listen(delivered))
        {
            var submitted = new List<(string Student, string Id)>();
            foreach (var student in students)
            {
                submitted.Add((student, await school.SubmitAsync(student)));
            }

            foreach (var (student, id) in submitted)
            {
                await school.WaitForStatusAsync(student, id);
            }

            await Settled.FeedAsync(factory);
        }

        var perSubmission = delivered.OrderBy(d => d.Key, StringComparer.Ordinal).ToDictionary(d => d.Key, d => (double)d.Value / Submissions, StringComparer.Ordinal);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"changes delivered per submission {perSubmission.Values.Sum():0.00} to {perSubmission.Count} consumers ({string.Join(", ", perSubmission.Select(p => $"{p.Key} {p.Value:0.00}"))})"));
        var ofSubmissions = ChangeFeedCatalog.All.Where(c => c.Containers.Contains(Containers.Submissions)).Select(c => c.Name).ToList();
        Assert.Equal([ChangeFeedCatalog.StartGrading.Name, ChangeFeedCatalog.SubmissionInsights.Name], ofSubmissions);
        Assert.All(ofSubmissions, name => Assert.InRange(perSubmission.GetValueOrDefault(name), 1, 2));
        Assert.InRange(ofSubmissions.Sum(perSubmission.GetValueOrDefault), 2, 4);
        // The parts are not consumers: nothing is delivered under their names.
        Assert.DoesNotContain(perSubmission.Keys, ChangeFeedCatalog.SubmissionInsights.Parts.Select(p => p.Name).Contains);
        // The release's notification rides in its integration event's document, and the item × section sums and the weekly
        // mastery learn of the attempt from the submission's own delivery (docs/projection-writes.md, session 15): neither the
        // notification outbox, the statistics contributions nor the learner state reach a consumer, so 5 changes per submission
        // at most (2 consumers of submissions and the integration-event dispatcher), down from 11; the views joined the insights
        // consumer as its first part (docs/projection-writes.md, "Views written by the commands, repaired by the feed").
        Assert.Equal((0, 0, 0), (perSubmission.GetValueOrDefault(ChangeFeedCatalog.NotificationDispatch.Name),
            perSubmission.GetValueOrDefault(ChangeFeedCatalog.AnalyticsItemsProjection.Name), perSubmission.GetValueOrDefault(ChangeFeedCatalog.AnalyticsWeeksProjection.Name)));
        Assert.Equal([.. ofSubmissions.Append(ChangeFeedCatalog.IntegrationEventDispatch.Name).Order(StringComparer.Ordinal)], perSubmission.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, perSubmission.Count);
        Assert.InRange(perSubmission.Values.Sum(), 3, 5);
    }

    /// <summary>Sums <c>edtech.changefeed.changes</c> (every outcome) per consumer while the listener lives.</summary>
    private static MeterListener Listen(ConcurrentDictionary<string, long> delivered)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument == EdTechTelemetry.ChangeFeedChanges)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == ChangeFeedSpans.HandlerTag && tag.Value is string handler)
                {
                    delivered.AddOrUpdate(handler, value, (_, sum) => sum + value);
                }
            }
        });
        listener.Start();
        return listener;
    }
}
