using System.Text.Json.Nodes;

namespace EdTech.Functions.Tests.Bicep;

/// <summary>
/// An ARM template as the Bicep CLI compiles it (modules nested as Microsoft.Resources/deployments), with the
/// scope to evaluate its expressions: parameter values given by the test, module outputs evaluated inside the
/// module, and what only Azure knows taken from <paramref name="placeholders"/> ("module.output" → example).
/// </summary>
internal sealed class CompiledTemplate : ArmExpressions.IScope
{
    private readonly JsonObject _template;
    private readonly Func<string, object?> _parameter;
    private readonly IReadOnlyDictionary<string, object?> _placeholders;
    private readonly Dictionary<string, object?> _variables = new(StringComparer.OrdinalIgnoreCase);

    private CompiledTemplate(JsonObject template, Func<string, object?> parameter, IReadOnlyDictionary<string, object?> placeholders)
    {
        _template = template;
        _parameter = parameter;
        _placeholders = placeholders;
    }

    public static CompiledTemplate Root(JsonObject template, IReadOnlyDictionary<string, object?> parameters, IReadOnlyDictionary<string, object?> placeholders)
    {
        CompiledTemplate? root = null;
        root = new CompiledTemplate(template, name => parameters.TryGetValue(name, out var value) ? value : root!.Default(name), placeholders);
        return root;
    }

    /// <summary>The module (nested deployment) with this symbolic name, its parameters evaluated here.</summary>
    public CompiledTemplate Module(string symbolicName)
    {
        var deployment = Resources().FirstOrDefault(r => r.Name == symbolicName).Resource
            ?? throw new InvalidOperationException($"the template has no module '{symbolicName}'");
        var properties = deployment["properties"]!.AsObject();
        var nested = properties["template"]!.AsObject();
        var given = properties["parameters"]?.AsObject() ?? [];
        var prefix = symbolicName + ".";
        var placeholders = _placeholders
            .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && p.Key.Count(c => c == '.') > 1)
            .ToDictionary(p => p.Key[prefix.Length..], p => p.Value);
        CompiledTemplate? module = null;
        module = new CompiledTemplate(
            nested,
            name => given[name] is JsonObject p ? ArmExpressions.EvaluateJson(p["value"], this) : module!.Default(name),
            placeholders);
        return module;
    }

    /// <summary>Resources by symbolic name (language version 2.0) or by position.</summary>
    public IEnumerable<(string Name, JsonObject Resource)> Resources() => _template["resources"] switch
    {
        JsonObject byName => byName.Select(r => (r.Key, r.Value!.AsObject())),
        JsonArray list => list.Select((r, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), r!.AsObject())),
        _ => [],
    };

    public object? Evaluate(JsonNode? node) => ArmExpressions.EvaluateJson(node, this);

    public object? Parameter(string name) => _parameter(name);

    public object? Variable(string name)
    {
        if (!_variables.TryGetValue(name, out var value))
        {
            var node = _template["variables"]?[name] ?? throw new InvalidOperationException($"no variable '{name}'");
            value = Evaluate(node);
            _variables[name] = value;
        }

        return value;
    }

    public object? ModuleOutput(string module, string output)
    {
        if (!Resources().Any(r => r.Name == module && (string?)r.Resource["type"] == "Microsoft.Resources/deployments"))
        {
            return null;
        }

        var value = Module(module).Output(output);
        if (value is not Opaque)
        {
            return value;
        }

        return _placeholders.TryGetValue(module + "." + output, out var example) ? example : value;
    }

    public object? Output(string name) =>
        Evaluate(_template["outputs"]?[name]?["value"] ?? throw new InvalidOperationException($"no output '{name}'"));

    private object? Default(string name) =>
        _template["parameters"]?[name] is JsonObject declared && declared.ContainsKey("defaultValue")
            ? Evaluate(declared["defaultValue"])
            : throw new InvalidOperationException($"parameter '{name}' has no value and no default");
}
