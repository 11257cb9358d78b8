using EdTech.Domain.Learning;
using EdTech.Domain.Learning.EloModel;

namespace EdTech.Cli.Commands.Evaluate;

/// <summary>
/// Elo difficulty recovery: 500 students answer the same 20 fresh items once each; the 10 000 answers arrive in random order
/// (a class working at once) and are fed online, once, from all-zero ratings. Elo is the online Rasch (1PL) model, so the items
/// are Rasch items (a = 1): with 2PL items its "difficulty" also absorbs the slope and r drops by about 0.01.
/// </summary>
public static class EloEvaluation
{
    public const int Students = 500;
    public const int Items = 20;

    public static EloReport Run(Synthetic data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var abilities = data.Abilities(Students);
        var items = data.Items(Items).Select(i => i with { Discrimination = 1 }).ToArray();
        var responses = data.Responses(abilities, items);
        data.Shuffle(responses);

        var students = Enumerable.Repeat(EloRating.Initial, Students).ToArray();
        var ratings = Enumerable.Repeat(EloRating.Initial, Items).ToArray();
        foreach (var r in responses)
        {
            var update = Elo.Update(students[r.Person], ratings[r.Item], r.Correct, EloOptions.Default);
            students[r.Person] = update.Student;
            ratings[r.Item] = update.Item;
        }

        return new EloReport(responses.Length, Metrics.Pearson(items.Select(i => i.Difficulty).ToArray(), ratings.Select(x => x.Value).ToArray()));
    }
}
