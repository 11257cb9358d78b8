using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EdTech.Cli.Commands.Docs.Diagrams.Azure;

/// <summary>A compiled template or one of its modules (a nested Microsoft.Resources/deployments), with the parameter values its parent gives it.</summary>
public sealed record ArmModule(string Name, JsonObject Template, JsonObject Given, ArmModule? Parent)
{
    public string? Variable(string name) => Template["variables"]?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public JsonNode? VariableNode(string name) => Template["variables"]?[name];

    /// <summary>The expression the parent passes for <paramref name="parameter"/>, or null (a default, or the root template).</summary>
    public string? GivenExpression(string parameter) =>
        Given[parameter]?["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>One resource of a compiled template (modules flattened), by the module it is declared in and its key there.</summary>
public sealed record ArmResource(ArmModule Module, string Key, JsonObject Json)
{
    public string Type => (string?)Json["type"] ?? string.Empty;

    public string NameExpression => (string?)Json["name"] ?? string.Empty;

    public string? Condition => (string?)Json["condition"];

    public JsonObject? Copy => Json["copy"] as JsonObject;

    public string Id => DiagramGraph.IdFor("r_" + Module.Name, Key);
}

/// <summary>
/// Just enough reading of the ARM expressions the Bicep CLI writes to label a diagram: names with their parameters shown as
/// <c>{name}</c>, the resource type a <c>resourceId(...)</c> points at, the parameter or variable an expression reads. Anything
/// else is kept as "…": the diagram never guesses a value only Azure knows.
/// </summary>
public static partial class ArmTemplate
{
    /// <summary>The root template and every module in it, depth first (modules' resources are read from their nested templates).</summary>
    public static IReadOnlyList<ArmResource> Flatten(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var resources = new List<ArmResource>();
        Walk(new ArmModule("main", root, [], null), resources);
        return resources;
    }

    public static IEnumerable<(string Key, JsonObject Json)> Resources(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template["resources"] switch
        {
            JsonObject byName => byName.Select(r => (r.Key, r.Value!.AsObject())),
            JsonArray list => list.Select((r, i) => (i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), r!.AsObject())),
            _ => [],
        };
    }

    public static string? ParameterOf(string? expression) => expression is null ? null : ParameterRef().Match(expression) is { Success: true } m ? m.Groups[1].Value : null;

    public static IEnumerable<string> ModulesReferenced(string expression) =>
        ModuleReference().Matches(expression).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    public static string? ResourceTypeOf(string? expression) => expression is null ? null : ResourceIdType().Match(expression) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>A readable form of a name expression: <c>[format('{0}/{1}', parameters('name'), 'default')]</c> → <c>{name}/default</c>.</summary>
    /// <remarks>
    /// With <paramref name="module"/>, a parameter a parent passes is shown as the parent's expression, and a string member of a
    /// variable object (<c>variables('abbrs').webSitesFunctions</c>, the abbreviations) as its value: <c>func-{resourceToken}</c>.
    /// </remarks>
    public static string Readable(string expression, ArmModule? module = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (!expression.StartsWith('[') || expression.StartsWith("[[", StringComparison.Ordinal))
        {
            return expression.StartsWith("[[", StringComparison.Ordinal) ? expression[1..] : expression;
        }

        return ReadableTerm(expression[1..^1].Trim(), module);
    }

    private static string ReadableTerm(string term, ArmModule? module)
    {
        if (term.Length >= 2 && term[0] == '\'' && term[^1] == '\'')
        {
            return term[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (ParameterOrVariable().Match(term) is { Success: true } reference)
        {
            var name = reference.Groups[2].Value;
            var path = reference.Groups[3].Value;
            if (module is not null && reference.Groups[1].Value == "parameters" && path.Length == 0 && module.GivenExpression(name) is { } given)
            {
                return Readable(given, module.Parent);
            }

            if (module is not null && reference.Groups[1].Value == "variables" && path.Count(c => c == '.') == 1 && path.StartsWith('.')
                && (VariableValue(module, name) as JsonObject)?[path[1..]] is JsonValue member && member.TryGetValue<string>(out var text) && !text.StartsWith('['))
            {
                return text;
            }

            return "{" + name + path.Replace("[copyIndex()]", "[i]", StringComparison.Ordinal) + "}";
        }

        if (term.StartsWith("format(", StringComparison.Ordinal) && term.EndsWith(')'))
        {
            var args = SplitArguments(term["format(".Length..^1]);
            if (args.Count > 0 && args[0].StartsWith('\''))
            {
                var text = new StringBuilder(ReadableTerm(args[0], module));
                for (var i = 1; i < args.Count; i++)
                {
                    text.Replace("{" + (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}", ReadableTerm(args[i], module));
                }

                return text.ToString();
            }
        }

        return "…";
    }

    /// <summary>A variable's value, following variables that only name another (<c>abbrs</c> = <c>[variables('$fxv#0')]</c>, a loaded JSON file).</summary>
    private static JsonNode? VariableValue(ArmModule module, string name)
    {
        var node = module.VariableNode(name);
        for (var hops = 0; hops < 4 && node is JsonValue value && value.TryGetValue<string>(out var text) && VariableAlias().Match(text) is { Success: true } alias; hops++)
        {
            node = module.VariableNode(alias.Groups[1].Value);
        }

        return node;
    }

    /// <summary>Top-level comma-separated arguments, quotes and nested calls respected.</summary>
    public static IReadOnlyList<string> SplitArguments(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var args = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '(' or '[')
            {
                depth++;
            }
            else if (!quoted && c is ')' or ']')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == ',')
            {
                args.Add(text[start..i].Trim());
                start = i + 1;
            }
        }

        if (text.Trim().Length > 0)
        {
            args.Add(text[start..].Trim());
        }

        return args;
    }

    private static void Walk(ArmModule module, List<ArmResource> resources)
    {
        foreach (var (key, json) in Resources(module.Template))
        {
            if ((string?)json["type"] == "Microsoft.Resources/deployments" && json["properties"]?["template"] is JsonObject nested)
            {
                var name = module.Parent is null ? key : module.Name + "." + key;
                Walk(new ArmModule(name, nested, json["properties"]?["parameters"] as JsonObject ?? [], module), resources);
            }
            else
            {
                resources.Add(new ArmResource(module, key, json));
            }
        }
    }

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$")]
    private static partial Regex VariableAlias();

    [GeneratedRegex(@"^\[parameters\('([^']+)'\)\]$")]
    private static partial Regex ParameterRef();

    [GeneratedRegex(@"reference\('([^']+)'\)\.outputs")]
    private static partial Regex ModuleReference();

    [GeneratedRegex(@"resourceId\('([^']+)'")]
    private static partial Regex ResourceIdType();

    [GeneratedRegex(@"^(parameters|variables)\('([^']+)'\)((?:\.[A-Za-z0-9_]+|\[copyIndex\(\)\])*)$")]
    private static partial Regex ParameterOrVariable();
}
