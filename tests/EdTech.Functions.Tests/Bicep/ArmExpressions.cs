using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EdTech.Functions.Tests.Bicep;

/// <summary>
/// A value only Azure knows at deployment time (a resource property, uniqueString, subscription()): kept as the
/// expression text so a test can say which setting could not be resolved.
/// </summary>
internal sealed record Opaque(string Expression)
{
    public override string ToString() => "<" + Expression + ">";
}

internal sealed record ArmLambda(IReadOnlyList<string> Names, ArmExpressions.Node Body);

/// <summary>
/// Just enough of the ARM template expression language to read what a compiled Bicep file writes into an
/// app's settings: literals, parameters/variables, module outputs, object and array functions, lambdas.
/// Anything Azure resolves at deployment time becomes <see cref="Opaque"/>.
/// </summary>
internal static class ArmExpressions
{
    internal abstract record Node;

    private sealed record Literal(object? Value) : Node;

    private sealed record Call(string Name, IReadOnlyList<Node> Args) : Node;

    private sealed record Member(Node Target, string Name) : Node;

    private sealed record Index(Node Target, Node Key) : Node;

    /// <summary>The scope an expression is evaluated in: parameters, variables, module outputs, lambda variables.</summary>
    internal interface IScope
    {
        object? Parameter(string name);

        object? Variable(string name);

        /// <summary><c>reference('module').outputs.name.value</c>; null when it is not a module of this template.</summary>
        object? ModuleOutput(string module, string output);
    }

    /// <summary>Evaluates a JSON template value: "[...]" strings are expressions, objects and arrays recursively.</summary>
    public static object? EvaluateJson(JsonNode? node, IScope scope)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                foreach (var (key, value) in obj)
                {
                    result[key] = EvaluateJson(value, scope);
                }

                return result;
            case JsonArray array:
                return array.Select(a => EvaluateJson(a, scope)).ToList();
            case JsonValue value when value.TryGetValue<string>(out var text):
                if (text.StartsWith("[[", StringComparison.Ordinal))
                {
                    return text[1..];
                }

                return text.StartsWith('[') && text.EndsWith(']')
                    ? Evaluate(new Parser(text[1..^1]).ParseAll(), scope, new Dictionary<string, object?>())
                    : text;
            case JsonValue value when value.TryGetValue<bool>(out var flag):
                return flag;
            case JsonValue value when value.TryGetValue<long>(out var number):
                return number;
            default:
                return node.ToJsonString();
        }
    }

    private static object? Evaluate(Node node, IScope scope, IReadOnlyDictionary<string, object?> lambdas) => node switch
    {
        Literal l => l.Value,
        Member m => MemberOf(Evaluate(m.Target, scope, lambdas), m.Name, scope),
        Index i => IndexOf(Evaluate(i.Target, scope, lambdas), Evaluate(i.Key, scope, lambdas)),
        Call c when c.Name.Equals("lambda", StringComparison.OrdinalIgnoreCase) =>
            new ArmLambda(c.Args.SkipLast(1).Select(a => (string)((Literal)a).Value!).ToList(), c.Args[^1]),
        Call c => Function(c.Name, c.Args.Select(a => Evaluate(a, scope, lambdas)).ToList(), scope, lambdas),
        _ => throw new InvalidOperationException("unknown node " + node),
    };

    private static object? MemberOf(object? target, string name, IScope scope)
    {
        switch (target)
        {
            case Opaque o:
                var path = o.Expression + "." + name;
                var match = System.Text.RegularExpressions.Regex.Match(path, @"^reference\('([^']+)'\)\.outputs\.([^.]+)\.value$");
                return match.Success && scope.ModuleOutput(match.Groups[1].Value, match.Groups[2].Value) is { } output
                    ? output
                    : new Opaque(path);
            case IDictionary<string, object?> obj:
                return obj.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"no property '{name}'");
            default:
                throw new InvalidOperationException($"cannot read '{name}' of {target}");
        }
    }

    private static object? IndexOf(object? target, object? key) => (target, key) switch
    {
        (Opaque o, _) => new Opaque($"{o.Expression}[{key}]"),
        (IList<object?> list, long i) => list[(int)i],
        (IDictionary<string, object?> obj, string k) => obj[k],
        _ => throw new InvalidOperationException($"cannot index {target} by {key}"),
    };

    private static object? Function(string name, IReadOnlyList<object?> a, IScope scope, IReadOnlyDictionary<string, object?> lambdas)
    {
        switch (name.ToLowerInvariant())
        {
            case "parameters": return scope.Parameter((string)a[0]!);
            case "variables": return scope.Variable((string)a[0]!);
            case "lambdavariables": return lambdas[(string)a[0]!];
            case "reference" when a.Count == 1 && a[0] is string module: return new Opaque($"reference('{module}')");
            case "true": return true;
            case "false": return false;
            case "null": return null;
            case "createobject":
                var created = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < a.Count; i += 2)
                {
                    created[Text(a[i])] = a[i + 1];
                }

                return created;
            case "createarray": return a.ToList();
            case "union" when a.All(x => x is IDictionary<string, object?>):
                var union = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                foreach (var obj in a.Cast<IDictionary<string, object?>>())
                {
                    foreach (var (k, v) in obj)
                    {
                        union[k] = v;
                    }
                }

                return union;
            case "union" when a.All(x => x is IList<object?>):
                return a.Cast<IList<object?>>().SelectMany(x => x).Distinct().ToList();
            case "items" when a[0] is IDictionary<string, object?> items:
                return items.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
                    .Select(kv => (object?)new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["key"] = kv.Key, ["value"] = kv.Value })
                    .ToList();
            case "map" when a[0] is IList<object?> list:
                return list.Select((x, i) => Apply((ArmLambda)a[1]!, scope, lambdas, x, (long)i)).ToList();
            case "filter" when a[0] is IList<object?> list:
                return list.Where((x, i) => Apply((ArmLambda)a[1]!, scope, lambdas, x, (long)i) is true).ToList();
            case "toobject" when a[0] is IList<object?> list:
                return list.ToDictionary(
                    x => Text(Apply((ArmLambda)a[1]!, scope, lambdas, x)),
                    x => a.Count > 2 ? Apply((ArmLambda)a[2]!, scope, lambdas, x) : x,
                    StringComparer.OrdinalIgnoreCase);
            case "range": return Enumerable.Range((int)(long)a[0]!, (int)(long)a[1]!).Select(i => (object?)(long)i).ToList();
            case "length" when a[0] is string s: return (long)s.Length;
            case "length" when a[0] is IList<object?> list: return (long)list.Count;
            case "length" when a[0] is IDictionary<string, object?> obj: return (long)obj.Count;
            case "split" when a[0] is string s: return s.Split(Text(a[1])).Select(x => (object?)x).ToList();
            case "trim" when a[0] is string s: return s.Trim();
            case "tolower" when a[0] is string s: return s.ToLowerInvariant();
            case "toupper" when a[0] is string s: return s.ToUpperInvariant();
            case "string" when a[0] is not Opaque: return Text(a[0]);
            case "empty" when a[0] is not Opaque: return a[0] switch
            {
                null => true,
                string s => s.Length == 0,
                IList<object?> l => l.Count == 0,
                IDictionary<string, object?> o => o.Count == 0,
                _ => false,
            };
            case "not" when a[0] is bool b: return !b;
            case "and" when a.All(x => x is bool): return a.All(x => (bool)x!);
            case "or" when a.All(x => x is bool): return a.Any(x => (bool)x!);
            case "equals" when a.All(x => x is not Opaque): return Equals(a[0], a[1]);
            case "if" when a[0] is bool condition: return condition ? a[1] : a[2];
            case "join" when a[0] is IList<object?> parts && a[1] is string separator: return string.Join(separator, parts.Select(Text));
            case "contains" when a[0] is string s && a[1] is string part: return s.Contains(part, StringComparison.OrdinalIgnoreCase);
            case "contains" when a[0] is IList<object?> list: return list.Contains(a[1]);
            case "contains" when a[0] is IDictionary<string, object?> obj && a[1] is string key: return obj.ContainsKey(key);
            case "concat" when a.All(x => x is IList<object?>): return a.Cast<IList<object?>>().SelectMany(x => x).ToList();
            case "concat": return Join(a.Select(Text));
            case "format":
                var template = (string)a[0]!;
                return Join([string.Format(CultureInfo.InvariantCulture, template, a.Skip(1).Select(x => (object)Text(x)).ToArray())]);
            default:
                return new Opaque($"{name}({string.Join(", ", a.Select(Text))})");
        }
    }

    private static object? Apply(ArmLambda lambda, IScope scope, IReadOnlyDictionary<string, object?> outer, params object?[] values)
    {
        var inner = new Dictionary<string, object?>(outer);
        for (var i = 0; i < lambda.Names.Count; i++)
        {
            inner[lambda.Names[i]] = values[i];
        }

        return Evaluate(lambda.Body, scope, inner);
    }

    /// <summary>Text of a value; an opaque part is written as its expression in angle brackets.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "True" : "False",
        long n => n.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A string with an opaque part stays a string: the placeholder shows where Azure fills in a value.</summary>
    private static object Join(IEnumerable<string> parts) => string.Concat(parts);

    private sealed class Parser(string text)
    {
        private int _at;

        public Node ParseAll()
        {
            var node = ParseExpression();
            Skip();
            return _at == text.Length ? node : throw Error("trailing text");
        }

        private Node ParseExpression()
        {
            var node = ParsePrimary();
            while (true)
            {
                Skip();
                if (Peek('.'))
                {
                    _at++;
                    node = new Member(node, Identifier());
                }
                else if (Peek('['))
                {
                    _at++;
                    var key = ParseExpression();
                    Expect(']');
                    node = new Index(node, key);
                }
                else
                {
                    return node;
                }
            }
        }

        private Node ParsePrimary()
        {
            Skip();
            if (Peek('\''))
            {
                return new Literal(StringLiteral());
            }

            if (_at < text.Length && (char.IsDigit(text[_at]) || text[_at] == '-'))
            {
                var start = _at++;
                while (_at < text.Length && char.IsDigit(text[_at]))
                {
                    _at++;
                }

                return new Literal(long.Parse(text[start.._at], CultureInfo.InvariantCulture));
            }

            var name = Identifier();
            Skip();
            Expect('(');
            var args = new List<Node>();
            Skip();
            if (!Peek(')'))
            {
                do
                {
                    args.Add(ParseExpression());
                    Skip();
                }
                while (TryTake(','));
            }

            Expect(')');
            return new Call(name, args);
        }

        private string StringLiteral()
        {
            Expect('\'');
            var value = new StringBuilder();
            while (true)
            {
                if (_at >= text.Length)
                {
                    throw Error("unterminated string");
                }

                if (text[_at] == '\'')
                {
                    if (_at + 1 < text.Length && text[_at + 1] == '\'')
                    {
                        value.Append('\'');
                        _at += 2;
                        continue;
                    }

                    _at++;
                    return value.ToString();
                }

                value.Append(text[_at++]);
            }
        }

        private string Identifier()
        {
            Skip();
            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] is '_' or '$'))
            {
                _at++;
            }

            return _at > start ? text[start.._at] : throw Error("identifier expected");
        }

        private void Skip()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        private bool Peek(char c) => _at < text.Length && text[_at] == c;

        private bool TryTake(char c)
        {
            Skip();
            if (!Peek(c))
            {
                return false;
            }

            _at++;
            return true;
        }

        private void Expect(char c)
        {
            Skip();
            if (!Peek(c))
            {
                throw Error($"'{c}' expected");
            }

            _at++;
        }

        private InvalidOperationException Error(string what) => new($"ARM expression: {what} at {_at} in [{text}]");
    }
}
