namespace EdTech.Domain.Learning.IrtModel;

/// <summary>Responses grouped per person in one flat array (compressed rows), so the E-step walks memory in order.</summary>
internal sealed class IrtResponsesByPerson
{
    private readonly (int Item, bool Correct)[] answers;
    private readonly int[] starts;

    private IrtResponsesByPerson((int, bool)[] answers, int[] starts) => (this.answers, this.starts) = (answers, starts);

    public int PersonCount => starts.Length - 1;

    public ReadOnlySpan<(int Item, bool Correct)> Of(int person) => answers.AsSpan(starts[person], starts[person + 1] - starts[person]);

    public static IrtResponsesByPerson From(IReadOnlyList<IrtResponse> responses, int itemCount)
    {
        var persons = 0;
        foreach (var r in responses)
        {
            if (r.Item < 0 || r.Item >= itemCount || r.Person < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(responses), r, "Person and item must be dense indexes within range.");
            }

            persons = Math.Max(persons, r.Person + 1);
        }

        var starts = new int[persons + 1];
        foreach (var r in responses)
        {
            starts[r.Person + 1]++;
        }

        for (var p = 0; p < persons; p++)
        {
            starts[p + 1] += starts[p];
        }

        var fill = starts[..^1];
        var answers = new (int, bool)[responses.Count];
        foreach (var r in responses)
        {
            answers[fill[r.Person]++] = (r.Item, r.Correct);
        }

        return new IrtResponsesByPerson(answers, starts);
    }
}
