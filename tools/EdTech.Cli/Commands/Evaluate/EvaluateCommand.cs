using System.CommandLine;
using System.Text.Json;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Learning.EloModel;

namespace EdTech.Cli.Commands.Evaluate;

/// <summary>
/// `edtech evaluate learner-models --seed N`: recover known parameters from seeded synthetic data; prints one JSON object.
/// `edtech evaluate simulation` is <see cref="SimulationCommand"/>.
/// </summary>
public static class EvaluateCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <param name="output">Where the JSON goes (standard output unless a test captures it).</param>
    public static Command Create(TextWriter? output = null) =>
        new("evaluate", "Offline quality checks of the learning models and the offline tagger")
        {
            CreateLearnerModels(output ?? Console.Out),
            SimulationCommand.Create(output ?? Console.Out),
            CreateTagging(output ?? Console.Out),
        };

    /// <summary>Each model gets its own generator derived from the seed, so changing one part does not reshuffle the others.</summary>
    public static LearnerModelReport Run(int seed)
    {
        var (irt, prediction) = IrtEvaluation.Run(new Synthetic(seed));
        var bkt = BktEvaluation.Run(new Synthetic(unchecked((seed * 7919) + 1)));
        var elo = EloEvaluation.Run(new Synthetic(unchecked((seed * 7919) + 2)));
        return Rounded(new LearnerModelReport(irt, bkt, elo, prediction));
    }

    public static string ToJson(LearnerModelReport report) => JsonSerializer.Serialize(report, Json);

    public static string ToJson<T>(T report) => JsonSerializer.Serialize(report, Json);

    private static Command CreateLearnerModels(TextWriter output)
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic data (same seed, same data)", DefaultValueFactory = _ => 1 };
        var command = new Command("learner-models", "2PL IRT, BKT and Elo parameter recovery and held-out AUC against the generating model") { seed };
        command.SetAction(parse =>
        {
            output.WriteLine(ToJson(Run(parse.GetValue(seed))));
            return 0;
        });
        return command;
    }

    private static Command CreateTagging(TextWriter output)
    {
        var fixture = new Option<FileInfo>("--fixture") { Description = "Labelled fixture (JSON: taxonomy and items with skills and difficulty), e.g. tools/EdTech.Cli/fixtures/tagging.json", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Only the first N items of the fixture" };
        var misses = new Option<bool>("--misses") { Description = "Also list the items whose first-ranked skill is wrong" };
        var tagger = new Option<string>("--tagger")
        {
            Description = "offline (the shipped BM25 tagger, default); minilm or hybrid: the sentence-embedding rankings it was measured against",
            DefaultValueFactory = _ => "offline",
        };
        tagger.AcceptOnlyFromAmong("offline", EmbeddingEvaluation.MiniLm, EmbeddingEvaluation.Hybrid);
        var batch = new Option<int>("--batch") { Description = "minilm/hybrid: items per model call", DefaultValueFactory = _ => EmbeddingEvaluation.DefaultBatch };
        var command = new Command("tagging", "The offline tagger against expert labels: precision@1, recall@3, difficulty Spearman, items/s") { fixture, limit, misses, tagger, batch };
        command.SetAction(parse =>
        {
            var labelled = TaggingFixture.Read(parse.GetValue(fixture)!.FullName);
            if (parse.GetValue(tagger) is { } method && method != "offline")
            {
                var ranked = EmbeddingEvaluation.Run(labelled, method, parse.GetValue(limit), Math.Max(1, parse.GetValue(batch)));
                output.WriteLine(JsonSerializer.Serialize(parse.GetValue(misses) ? ranked : ranked with { Misses = [] }, Json));
                return 0;
            }

            var report = TaggingEvaluation.Run(labelled, parse.GetValue(limit));
            output.WriteLine(JsonSerializer.Serialize(parse.GetValue(misses) ? report : report with { Misses = [] }, Json));
            return 0;
        });
        return command;
    }

    private static LearnerModelReport Rounded(LearnerModelReport r) => new(
        r.Irt2pl with { DifficultyR = R4(r.Irt2pl.DifficultyR), DifficultyRmse = R4(r.Irt2pl.DifficultyRmse), DiscriminationR = R4(r.Irt2pl.DiscriminationR), FitMs = R1(r.Irt2pl.FitMs) },
        r.Bkt with { MaxParamError = R4(r.Bkt.MaxParamError), FitMs = R1(r.Bkt.FitMs) },
        r.Elo with { DifficultyR = R4(r.Elo.DifficultyR) },
        new PredictionReport(R4(r.Prediction.Auc), R4(r.Prediction.OracleAuc)));

    private static double R4(double x) => Math.Round(x, 4);

    private static double R1(double x) => Math.Round(x, 1);
}
