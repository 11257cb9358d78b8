using System.Diagnostics;
using EdTech.Application.Records;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Tagging;

namespace EdTech.Cli.Commands.Evaluate;

/// <param name="PrecisionAt1">Share of items whose first-ranked skill is one of the expert's.</param>
/// <param name="RecallAt3">Mean share of the expert's skills among the first three ranked.</param>
/// <param name="SuggestedRecall">Mean share of the expert's skills among the skills actually suggested (confidence cut applied).</param>
/// <param name="MeanSuggested">Mean number of skills suggested per item.</param>
/// <param name="DifficultySpearman">Spearman's rho between estimated and labelled difficulty.</param>
/// <param name="DifficultyExact">Share of items whose estimated difficulty equals the label.</param>
/// <param name="ItemsPerSecond">Items tagged per second of wall time by one thread, index built (median of three timed passes after a warm-up).</param>
/// <param name="ItemsPerCpuSecond">The same passes per second of the process's CPU time: what one core does, however busy the machine is.</param>
/// <param name="IndexBuildMs">Building the taxonomy's index (warm; not in items/s: a job builds it once per taxonomy version).</param>
/// <param name="ColdStartMs">The process's first index build, which also loads Lucene's codecs and analyzers.</param>
public sealed record TaggingReport(
    TaggerInfo Tagger,
    int Items,
    int Skills,
    double PrecisionAt1,
    double RecallAt3,
    double SuggestedRecall,
    double MeanSuggested,
    double DifficultySpearman,
    double DifficultyExact,
    double ItemsPerSecond,
    double ItemsPerCpuSecond,
    double IndexBuildMs,
    double ColdStartMs,
    IReadOnlyList<TaggingMiss> Misses);

/// <summary>An item whose first-ranked skill is not the expert's.</summary>
public sealed record TaggingMiss(string ItemId, IReadOnlyList<string> Expected, IReadOnlyList<string> Ranked);

public static class TaggingEvaluation
{
    private static readonly TenantId Tenant = new("evaluation");

    public static TaggingReport Run(TaggingFixture fixture, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var labelled = fixture.Items.Take(limit ?? int.MaxValue).ToList();
        var items = labelled.Select(i => i.ToItem()).ToList();
        var taxonomy = fixture.TaxonomyOf(Tenant);

        var build = Stopwatch.StartNew();
        new Bm25SkillIndex(taxonomy).Dispose();
        var coldMs = build.Elapsed.TotalMilliseconds;
        build.Restart();
        using var index = new Bm25SkillIndex(taxonomy);
        var buildMs = build.Elapsed.TotalMilliseconds;

        using var tagger = new OfflineSkillTagger();
        var cpu = new List<double>();
        var (suggestions, ms) = Timing.Median(() =>
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            var tagged = items.Select(i => tagger.Tag(taxonomy, new TaggingItemRef("fixture", i.Id), i)).ToList();
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds);
            return tagged;
        });
        var cpuMs = cpu.Skip(1).Order().ElementAt(Timing.TimedRuns / 2);

        double p1 = 0, r3 = 0, rs = 0, suggested = 0;
        var misses = new List<TaggingMiss>();
        for (var n = 0; n < labelled.Count; n++)
        {
            var expected = labelled[n].Skills;
            var ranked = index.Search(OfflineSkillTagger.TextOf(items[n]), 3).Select(h => h.SkillId).ToList();
            var given = suggestions[n].Suggestion!.Skills.Select(s => s.SkillId).ToList();
            var first = ranked.Count > 0 && expected.Contains(ranked[0]);
            p1 += first ? 1 : 0;
            r3 += (double)expected.Count(ranked.Contains) / expected.Count;
            rs += (double)expected.Count(given.Contains) / expected.Count;
            suggested += given.Count;
            if (!first)
            {
                misses.Add(new TaggingMiss(labelled[n].Id, expected, ranked));
            }
        }

        var estimated = suggestions.Select(s => (double)s.Suggestion!.Difficulty).ToList();
        var labels = labelled.Select(i => (double)i.Difficulty).ToList();
        var count = labelled.Count;
        return new TaggingReport(
            tagger.Tagger,
            count,
            fixture.Taxonomy.Count,
            R4(p1 / count),
            R4(r3 / count),
            R4(rs / count),
            R4(suggested / count),
            count >= 2 ? R4(Metrics.Spearman(estimated, labels)) : double.NaN,
            R4(estimated.Zip(labels).Count(p => p.First == p.Second) / (double)count),
            Math.Round(count / (ms / 1000), 0),
            Math.Round(count / (Math.Max(cpuMs, 1) / 1000), 0),
            Math.Round(buildMs, 1),
            Math.Round(coldMs, 1),
            misses);
    }

    private static double R4(double x) => Math.Round(x, 4);
}
