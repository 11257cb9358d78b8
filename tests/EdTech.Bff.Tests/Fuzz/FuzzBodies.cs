using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace EdTech.Bff.Tests.Fuzz;

/// <summary>Hostile request bodies: mutated valid bodies, random JSON, deep nesting, huge strings, broken UTF-8, truncation.</summary>
public static class FuzzBodies
{
    /// <summary>Any JSON value, as text: scalars of every type (and the values that matter here), arrays, objects.</summary>
    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.OneOf("null", "true", "false"),
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e400"),
        Gen.String.Select(s => System.Text.Json.JsonSerializer.Serialize(s)),
        Gen.OneOf("immediate", "whenever", "student", "teacher", "essay", "single-choice", "", " ", "2030-01-01T00:00:00Z", "not-a-date", "🎓", "\u0000")
            .Select(s => System.Text.Json.JsonSerializer.Serialize(s)));

    public static readonly Gen<string> Value = Gen.Recursive<string>((depth, inner) => depth > 3
        ? Scalar
        : Gen.Frequency(
            (4, (IGen<string>)Scalar),
            (1, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(Gen.String[1, 8], inner, (k, v) => "{" + System.Text.Json.JsonSerializer.Serialize(k) + ":" + v + "}"))));

    /// <summary>A body for <paramref name="validJson"/>'s endpoint: bytes and a content type.</summary>
    public static Gen<(byte[] Body, string ContentType)> For(string validJson) => Gen.Frequency(
        (6, Mutated(validJson).Select(j => Json(j))),
        (2, Value.Select(Json)),
        (1, Gen.Int[30, 3000].Select(depth => Json("{\"id\":\"x\",\"title\":" + new string('[', depth) + new string(']', depth) + "}"))),
        (1, Gen.Int[1_000, 600_000].Select(n => Json(InsertIntoFirstString(validJson, new string('x', n))))),
        (1, Gen.Byte.Array[1, 200].Select(bytes => (bytes, "application/json"))),
        (1, Gen.Int[0, Math.Max(0, validJson.Length - 1)].Select(cut => Json(validJson[..cut]))),
        (1, Gen.OneOf("text/plain", "application/x-www-form-urlencoded").Select(type => (Encoding.UTF8.GetBytes(validJson), type))));

    private static Gen<string> Mutated(string validJson)
    {
        var paths = Paths(JsonNode.Parse(validJson)!, "").ToArray();
        return Gen.Select(Gen.Int[0, paths.Length - 1], Value, Gen.Bool, (i, value, drop) =>
        {
            var root = JsonNode.Parse(validJson)!;
            var (parent, key) = Locate(root, paths[i]);
            if (parent is JsonObject o)
            {
                if (drop)
                {
                    o.Remove(key);
                }
                else
                {
                    o[key] = JsonNode.Parse(value);
                }
            }
            else if (parent is JsonArray a && int.TryParse(key, out var index))
            {
                a[index] = JsonNode.Parse(value);
            }

            return root.ToJsonString();
        });
    }

    private static string InsertIntoFirstString(string json, string text)
    {
        var at = json.IndexOf(":\"", StringComparison.Ordinal);
        return at < 0 ? json : json.Insert(at + 2, text);
    }

    private static (byte[], string) Json(string json) => (Encoding.UTF8.GetBytes(json), "application/json");

    private static IEnumerable<string> Paths(JsonNode node, string prefix) => node switch
    {
        JsonObject o => o.SelectMany(p => Paths(p.Value!, $"{prefix}/{p.Key}").Prepend($"{prefix}/{p.Key}")),
        JsonArray a => a.SelectMany((v, i) => Paths(v!, $"{prefix}/{i}").Prepend($"{prefix}/{i}")),
        _ => [],
    };

    private static (JsonNode? Parent, string Key) Locate(JsonNode root, string path)
    {
        var parts = path.Trim('/').Split('/');
        JsonNode? node = root;
        foreach (var part in parts[..^1])
        {
            node = node is JsonArray a ? a[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)] : node?[part];
        }

        return (node, parts[^1]);
    }
}
