namespace EdTech.Domain.Analytics;

/// <summary>
/// The attempts as a dense students × items table of marks (with a presence flag per cell) and each attempt's total mark
/// (Moodle's "sum of marks": every mark of the attempt, null as 0), the shape both the point estimates and the bootstrap read.
/// </summary>
internal sealed class MarkMatrix
{
    private MarkMatrix(int students, int items)
    {
        Students = students;
        Items = items;
        Marks = new decimal[students * items];
        Present = new bool[students * items];
        Totals = new decimal[students];
    }

    public int Students { get; }

    public int Items { get; }

    public decimal[] Marks { get; }

    public bool[] Present { get; }

    public decimal[] Totals { get; }

    public static MarkMatrix From(IReadOnlyList<AnalysedItem> items, IReadOnlyList<AttemptMarks> attempts)
    {
        var matrix = new MarkMatrix(attempts.Count, items.Count);
        for (var s = 0; s < attempts.Count; s++)
        {
            var marks = attempts[s].Marks;
            matrix.Totals[s] = marks.Values.Sum(m => m ?? 0);
            for (var i = 0; i < items.Count; i++)
            {
                if (marks.TryGetValue(items[i].ItemId, out var mark))
                {
                    matrix.Marks[(s * items.Count) + i] = mark ?? 0;
                    matrix.Present[(s * items.Count) + i] = true;
                }
            }
        }

        return matrix;
    }

    /// <summary>The item's marks and the rest of each attempt's marks (total − item), over the attempts that contain the item.</summary>
    public (decimal[] Item, decimal[] Others) Column(int item)
    {
        var marks = new List<decimal>(Students);
        var rest = new List<decimal>(Students);
        for (var s = 0; s < Students; s++)
        {
            var cell = (s * Items) + item;
            if (Present[cell])
            {
                marks.Add(Marks[cell]);
                rest.Add(Totals[s] - Marks[cell]);
            }
        }

        return ([.. marks], [.. rest]);
    }
}
