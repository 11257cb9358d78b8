using EdTech.Application.Learning;
using EdTech.Application.Learning.Calibration;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Learning;
using EdTech.Domain.Learning.IrtModel;
using EdTech.Domain.Tenancy;
using EdTech.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Application.Tests.Learning.Calibration;

public sealed class CourseCalibratorTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("north");
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 2, 30, 0, TimeSpan.Zero);
    private readonly TempSqliteStore _temp = new("edt-cal");
    private IDocumentStore _store = null!;
    private CourseCalibrator _calibrator = null!;

    public Task InitializeAsync()
    {
        _store = _temp.Store;
        _calibrator = new CourseCalibrator(_store, LearningOptions.Default, new FixedClock(Now), NullLogger<CourseCalibrator>.Instance);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _temp.DisposeAsync().AsTask();

    [Fact]
    public async Task Calibrate_FewerThan100Students_FitsNothing()
    {
        await SeedAsync(persons: 99, [new IrtItem(1.2, 0), new IrtItem(1, 0.5)]);

        var summary = await _calibrator.CalibrateAsync(Tenant, "maths", CancellationToken.None);

        Assert.Equal((99, 0, 2), (summary.Persons, summary.Calibrated, summary.KeptDefaults));
        Assert.NotNull(summary.Skipped);
        Assert.Empty(await _store.QueryAsync<ItemParametersRecord>(Tenant, DocumentQuery.InPartition("maths")));
    }

    [Fact]
    public async Task Calibrate_ItemWithFewerThan50Responses_KeepsDefaults_OthersAreFitted()
    {
        await SeedAsync(persons: 120, [new IrtItem(1.2, -0.5), new IrtItem(1, 0.5), new IrtItem(1.5, 0)], sparseItem: 2, sparseResponses: 49);

        var summary = await _calibrator.CalibrateAsync(Tenant, "maths", CancellationToken.None);

        Assert.Equal((2, 1), (summary.Calibrated, summary.KeptDefaults));
        var stored = (await _store.QueryAsync<ItemParametersRecord>(Tenant, DocumentQuery.InPartition("maths"))).Select(p => p.Value.ItemId).Order();
        Assert.Equal(["i0", "i1"], stored);
    }

    [Fact]
    public async Task Calibrate_ItemThatWeakerStudentsGetRight_IsFlaggedNegative_GoodItemsAreNot()
    {
        // i4 is answered right by the students who do worst on the rest.
        await SeedAsync(persons: 400, [new IrtItem(1.5, -1), new IrtItem(1.5, 0), new IrtItem(1.5, 0.5), new IrtItem(1.5, 1), new IrtItem(-1.5, 0)]);

        var summary = await _calibrator.CalibrateAsync(Tenant, "maths", CancellationToken.None);

        var parameters = (await _store.QueryAsync<ItemParametersRecord>(Tenant, DocumentQuery.InPartition("maths"))).ToDictionary(p => p.Value.ItemId, p => p.Value);
        Assert.Equal(5, summary.Calibrated);
        Assert.Equal(1, summary.Flagged);
        Assert.Equal(ItemParametersRecord.NegativeDiscrimination, parameters["i4"].Flag);
        Assert.True(parameters["i4"].ItemRestCorrelation < 0);
        Assert.All(["i0", "i1", "i2", "i3"], id => Assert.Null(parameters[id].Flag));
        Assert.True(parameters["i3"].Difficulty > parameters["i0"].Difficulty);
    }

    [Theory]
    [InlineData(0.19, 0.3, ItemParametersRecord.LowDiscrimination)]
    [InlineData(0.2, 0.3, null)]
    [InlineData(1.0, -0.01, ItemParametersRecord.NegativeDiscrimination)]
    public void Flag_LowOrNegativeDiscrimination(double discrimination, double restCorrelation, string? expected)
    {
        Assert.Equal(expected, CourseCalibrator.Flag(discrimination, restCorrelation));
    }

    [Theory]
    [InlineData(StoredAs.PerItem)]
    [InlineData(StoredAs.BothPerItemRegradedSince)]
    public async Task Calibrate_ResponsesStoredBeforeTheFold_OrInBothShapes_FitAsTheFoldedDocumentsAlone(StoredAs shape)
    {
        var items = new[] { new IrtItem(1.2, -0.5), new IrtItem(1, 0.5), new IrtItem(1.5, 0) };
        await SeedAsync(persons: 120, items);
        var folded = await CalibratedAsync();
        await using var other = new TempSqliteStore("edt-cal-shape");
        var calibrator = new CourseCalibrator(other.Store, LearningOptions.Default, new FixedClock(Now), NullLogger<CourseCalibrator>.Instance);
        await SeedAsync(persons: 120, items, store: other.Store, shape: shape);

        var summary = await calibrator.CalibrateAsync(Tenant, "maths", CancellationToken.None);

        Assert.Equal((120, 360), (summary.Persons, summary.Responses));
        Assert.Equal(folded, await CalibratedAsync(other.Store));
    }

    public enum StoredAs
    {
        Folded,
        PerItem,

        /// <summary>Per-item documents with every outcome flipped (an earlier grading), and the folded document written by a regrade since.</summary>
        BothPerItemRegradedSince,
    }

    private async Task<IReadOnlyList<ItemParametersRecord>> CalibratedAsync(IDocumentStore? store = null)
    {
        store ??= _store;
        await new CourseCalibrator(store, LearningOptions.Default, new FixedClock(Now), NullLogger<CourseCalibrator>.Instance).CalibrateAsync(Tenant, "maths", CancellationToken.None);
        return [.. (await store.QueryAsync<ItemParametersRecord>(Tenant, DocumentQuery.InPartition("maths"))).Select(p => p.Value)];
    }

    /// <summary>
    /// 2PL answers from abilities ~ N(0,1) with a fixed seed, one submission per student; <paramref name="sparseItem"/> is answered
    /// by the first <paramref name="sparseResponses"/> students only.
    /// </summary>
    private async Task SeedAsync(int persons, IReadOnlyList<IrtItem> items, int sparseItem = -1, int sparseResponses = 0, IDocumentStore? store = null, StoredAs shape = StoredAs.Folded)
    {
        store ??= _store;
        var random = new Random(7);
        for (var p = 0; p < persons; p++)
        {
            var theta = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var answers = new List<ItemResponse>();
            for (var i = 0; i < items.Count; i++)
            {
                var correct = random.NextDouble() < items[i].Probability(theta);
                if (i == sparseItem && p >= sparseResponses)
                {
                    continue;
                }

                answers.Add(new ItemResponse($"i{i}", correct));
            }

            var submission = new SubmissionResponsesRecord($"sub-{p}", "maths", "quiz", $"u{p}", $"sub-{p}", 1, Now.AddDays(-1), answers);
            if (shape != StoredAs.PerItem)
            {
                await store.CreateAsync(Tenant, submission);
            }

            foreach (var response in shape == StoredAs.Folded ? Enumerable.Empty<ResponseRecord>() : submission.Expand())
            {
                await store.CreateAsync(Tenant, shape == StoredAs.PerItem ? response : response with { Correct = !response.Correct });
            }
        }
    }
}
