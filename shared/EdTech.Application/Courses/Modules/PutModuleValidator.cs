using EdTech.Application.Common;

namespace EdTech.Application.Courses.Modules;

public static class PutModuleValidator
{
    public const int MaxItems = 100;
    public const int MaxPosition = 10_000;
    public const int MaxUrlLength = 2048;

    public static IReadOnlyList<string> Kinds { get; } = ["assessment", "page", "link"];

    /// <summary>Shape and kind-specific fields; whether each assessment is in the course is the handler's check.</summary>
    public static Validation Validate(string moduleId, PutModuleCommand command)
    {
        var v = new Validation().Id(moduleId, "moduleId", required: true).Text(command.Title, "title", 200)
            .Require(command.Position is >= 0 and <= MaxPosition, "position", $"Required: 0 to {MaxPosition}.");
        if (command.Items is not { } items)
        {
            return v.Add("items", "Required (may be empty).");
        }

        v.Require(items.Count <= MaxItems, "items", $"At most {MaxItems} items.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(items.Count, MaxItems); i++)
        {
            var item = items[i];
            var at = $"items[{i}]";
            if (item is null)
            {
                v.Add(at, "Required.");
                continue;
            }

            v.Id(item.Id, $"{at}.id", required: true).Text(item.Title, $"{at}.title", 200)
                .Require(item.Id is null || ids.Add(item.Id), $"{at}.id", "Duplicate item id in this module.")
                .Require(item.Kind is not null && Kinds.Contains(item.Kind), $"{at}.kind", "'assessment', 'page' or 'link'.");
            switch (item.Kind)
            {
                case "assessment":
                    v.Id(item.AssessmentId, $"{at}.assessmentId", required: true).Require(item.Url is null, $"{at}.url", "Only for kind 'link'.");
                    break;
                case "link":
                    v.Require(IsHttpsUrl(item.Url), $"{at}.url", $"Required: an absolute https URL, at most {MaxUrlLength} characters.")
                        .Require(item.AssessmentId is null, $"{at}.assessmentId", "Only for kind 'assessment'.");
                    break;
                case "page":
                    v.Require(item.Url is null, $"{at}.url", "Only for kind 'link'.").Require(item.AssessmentId is null, $"{at}.assessmentId", "Only for kind 'assessment'.");
                    break;
            }
        }

        return v;
    }

    private static bool IsHttpsUrl(string? url) =>
        url is { Length: > 0 and <= MaxUrlLength } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;
}
