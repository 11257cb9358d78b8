using System.Globalization;

namespace EdTech.Application.Content.Tagging;

/// <summary>
/// The chat model's monthly token budget per tenant when the tenant registry sets none (<c>Tagging:MonthlyTokenBudget</c>,
/// default 2,000,000 tokens: at about 700 tokens an item, some 2,800 model-tagged items a month). A tenant's own budget is
/// its registry quota <c>monthlyTokenBudget</c> (PATCH /api/platform/tenants/{id}).
/// </summary>
public sealed record TaggingBudgetSettings(long MonthlyTokenBudget)
{
    public const long Max = 10_000_000_000;

    public static TaggingBudgetSettings Default { get; } = new(2_000_000);

    public static TaggingBudgetSettings From(string? monthlyTokenBudget)
    {
        if (monthlyTokenBudget is null)
        {
            return Default;
        }

        return long.TryParse(monthlyTokenBudget, NumberStyles.Integer, CultureInfo.InvariantCulture, out var budget) && budget is >= 0 and <= Max
            ? new TaggingBudgetSettings(budget)
            : throw new InvalidOperationException($"Tagging:MonthlyTokenBudget must be a whole number of tokens from 0 to {Max}.");
    }
}
