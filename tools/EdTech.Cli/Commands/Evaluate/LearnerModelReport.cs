using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Learning.EloModel;

namespace EdTech.Cli.Commands.Evaluate;

/// <summary>The one JSON object `edtech evaluate learner-models` prints (property names camel-cased).</summary>
public sealed record LearnerModelReport(Irt2PlReport Irt2pl, BktReport Bkt, EloReport Elo, PredictionReport Prediction);

public sealed record Irt2PlReport(int Persons, int Items, double DifficultyR, double DifficultyRmse, double DiscriminationR, double FitMs);

public sealed record BktReport(int Students, int Steps, double MaxParamError, double FitMs);

public sealed record EloReport(int Responses, double DifficultyR);

public sealed record PredictionReport(double Auc, double OracleAuc);
