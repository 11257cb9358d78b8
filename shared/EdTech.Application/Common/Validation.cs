namespace EdTech.Application.Common;

/// <summary>Collects field errors, named by their JSON path ("items[2].answer").</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public Validation Require(bool condition, string field, string message) => condition ? this : Add(field, message);

    public Validation Text(string? value, string field, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Add(field, "Required.") : this;
        }

        return value.Length > maxLength ? Add(field, $"At most {maxLength} characters.") : this;
    }

    public Validation Id(string? value, string field, bool required = false)
    {
        if (value is null)
        {
            return required ? Add(field, "Required.") : this;
        }

        return Domain.Tenancy.ResourceId.IsValid(value) ? this : Add(field, "Letters, digits, '.', '_', '@' or '-', at most 128, starting with a letter or digit.");
    }

    /// <summary>Earliest and latest instant a date field accepts: far enough for any school calendar, far from DateTimeOffset's limits.</summary>
    public static readonly DateTimeOffset EarliestInstant = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset LatestInstant = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An optional instant within [<see cref="EarliestInstant"/>, <see cref="LatestInstant"/>).</summary>
    public Validation Instant(DateTimeOffset? value, string field) =>
        value is not { } v || (v >= EarliestInstant && v < LatestInstant) ? this : Add(field, "Between 2000-01-01 and 2199-12-31 (UTC).");

    public Problem ToProblem() => Problem.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
