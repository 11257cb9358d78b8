using System.Reflection;

namespace EdTech.Bff.Tests.Security.Matrix;

/// <summary>One line of Security/Permissions.md: who may call a route and how far, as the API contract says.</summary>
public sealed record ExpectedPermission(string Method, string Pattern, IReadOnlyList<string> Roles, string Scope)
{
    public const string Anonymous = "anonymous";
    public const string Platform = "platform";
    public const string Tenant = "tenant";
    public const string Enrolled = "enrolled";
    public const string Owner = "owner";

    public string Endpoint => $"{Method} {Pattern}";

    public bool Allows(string role) => Roles.Contains(role, StringComparer.Ordinal);
}

/// <summary>The expected permissions, read from the readable table in Security/Permissions.md (embedded), written apart from the access table.</summary>
public static class ExpectedPermissions
{
    private static readonly string[] Scopes = [ExpectedPermission.Anonymous, ExpectedPermission.Platform, ExpectedPermission.Tenant, ExpectedPermission.Enrolled, ExpectedPermission.Owner];

    private static readonly Lazy<IReadOnlyList<ExpectedPermission>> Lines = new(() => Parse(Read()));

    public static IReadOnlyList<ExpectedPermission> All => Lines.Value;

    public static ExpectedPermission? Find(string endpoint) => All.FirstOrDefault(p => p.Endpoint == endpoint);

    /// <summary>Table rows of the markdown ("| METHOD | /route | roles | scope | contract |"), headers and separators skipped.</summary>
    public static IReadOnlyList<ExpectedPermission> Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = new List<ExpectedPermission>();
        foreach (var line in markdown.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('|')))
        {
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length < 4 || cells[0] == "Method" || cells[0].StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            var roles = cells[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (!Scopes.Contains(cells[3], StringComparer.Ordinal) || roles.Any(r => !Domain.Tenancy.Roles.All.Contains(r, StringComparer.Ordinal)))
            {
                throw new FormatException($"Permissions.md: unknown scope or role in '{line}'.");
            }

            lines.Add(new ExpectedPermission(cells[0], cells[1], roles, cells[3]));
        }

        return lines;
    }

    private static string Read()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Permissions.md")
            ?? throw new InvalidOperationException("Security/Permissions.md is not embedded in the test assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
