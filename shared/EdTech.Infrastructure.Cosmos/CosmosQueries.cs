using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Azure.Cosmos;

namespace EdTech.Infrastructure.Cosmos;

/// <summary>
/// Turns the port's queries into parameterised Cosmos SQL. Only validated identifiers are spliced into
/// the text (as <c>c.doc.name</c>); every value is a parameter. The tenant is always both the partition-key
/// prefix of the request and a WHERE term, so a query can never read another tenant's items.
/// </summary>
internal static partial class CosmosQueries
{
    public static PartitionKey Key(TenantId tenant, string partition) =>
        new PartitionKeyBuilder().Add(tenant.Value).Add(partition).Build();

    /// <summary>The tenant alone: a prefix of the hierarchical key, which targets only that tenant's partitions.</summary>
    public static PartitionKey TenantPrefix(TenantId tenant) => new PartitionKeyBuilder().Add(tenant.Value).Build();

    public static QueryDefinition ById(TenantId tenant, string id) =>
        new QueryDefinition("SELECT * FROM c WHERE c.tenantId = @tenant AND c.id = @id")
            .WithParameter("@tenant", tenant.Value)
            .WithParameter("@id", id);

    /// <summary>The query's SQL; only the fields <see cref="QueriedFields"/> lists for the container (the indexed ones) pass.</summary>
    public static QueryDefinition Build(TenantId tenant, string container, DocumentQuery query)
    {
        Validate(query);
        QueriedFields.Ensure(container, query);
        var parameters = new List<(string Name, object Value)> { ("@tenant", tenant.Value) };
        var sql = new StringBuilder("SELECT ");
        if (query.Limit is { } limit)
        {
            sql.Append("TOP @limit ");
            parameters.Add(("@limit", limit));
        }

        sql.Append("* FROM c WHERE c.tenantId = @tenant");
        if (query.Partition is not null)
        {
            sql.Append(" AND c.partitionKey = @partition");
            parameters.Add(("@partition", query.Partition));
        }

        if (query.AfterId is not null)
        {
            // Keyset paging: with ORDER BY c.id below, the next page starts after the last id seen.
            sql.Append(" AND c.id > @afterId");
            parameters.Add(("@afterId", query.AfterId));
        }

        var index = 0;
        foreach (var (field, value) in query.FieldEquals ?? new Dictionary<string, string>())
        {
            // The port compares values as text, so "3" also matches the number 3; both terms can use the index.
            var text = $"@v{index}";
            parameters.Add((text, value));
            if (AsNumber(value) is { } number)
            {
                var numeric = $"@n{index}";
                parameters.Add((numeric, number));
                sql.Append(CultureInfo.InvariantCulture, $" AND (c.doc.{field} = {text} OR c.doc.{field} = {numeric})");
            }
            else
            {
                sql.Append(CultureInfo.InvariantCulture, $" AND c.doc.{field} = {text}");
            }

            index++;
        }

        AppendConditions(sql, parameters, query);
        foreach (var (field, value) in query.FieldNotEquals ?? new Dictionary<string, string>())
        {
            // Absent or different (a comparison with an undefined property is undefined, which would drop old documents).
            var text = $"@x{index}";
            parameters.Add((text, value));
            sql.Append(CultureInfo.InvariantCulture, $" AND (NOT IS_DEFINED(c.doc.{field}) OR c.doc.{field} != {text})");
            index++;
        }

        sql.Append(" ORDER BY c.id");
        var definition = new QueryDefinition(sql.ToString());
        foreach (var (name, value) in parameters)
        {
            definition = definition.WithParameter(name, value);
        }

        return definition;
    }

    /// <summary>
    /// Each condition as <c>AND (match OR match ...)</c>: <c>STARTSWITH</c>, <c>&gt;=</c> and <c>&lt;</c> on the field (each served
    /// by the field's range index; comparing a string with a missing or non-string field is undefined, so it never matches) and
    /// <c>ARRAY_CONTAINS</c> (served by the <c>/doc/name/[]/?</c> index). <c>id</c> is <c>c.id</c>.
    /// </summary>
    private static void AppendConditions(StringBuilder sql, List<(string Name, object Value)> parameters, DocumentQuery query)
    {
        var index = 0;
        foreach (var condition in query.Conditions ?? [])
        {
            var terms = new List<string>();
            foreach (var match in condition.AnyOf)
            {
                var value = $"@m{index++}";
                parameters.Add((value, match.Value));
                var field = match.Field == "id" ? "c.id" : $"c.doc.{match.Field}";
                terms.Add(match.Kind switch
                {
                    FieldMatchKind.StartsWith => $"STARTSWITH({field}, {value})",
                    FieldMatchKind.AtLeast => $"{field} >= {value}",
                    FieldMatchKind.Below => $"{field} < {value}",
                    FieldMatchKind.ArrayContains => $"ARRAY_CONTAINS({field}, {value})",
                    _ => throw new ArgumentOutOfRangeException(nameof(query), match.Kind, "Unknown match kind."),
                });
            }

            sql.Append(" AND (").Append(string.Join(" OR ", terms)).Append(')');
        }
    }

    public static void Validate(DocumentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "Limit cannot be negative.");
        }

        foreach (var field in (query.FieldEquals ?? new Dictionary<string, string>()).Keys.Concat((query.FieldNotEquals ?? new Dictionary<string, string>()).Keys))
        {
            // Names are spliced into the SQL text, so only plain identifiers pass.
            if (!FieldName().IsMatch(field))
            {
                throw new ArgumentException($"'{field}' is not a queryable field name.", nameof(query));
            }
        }

        foreach (var condition in query.Conditions ?? [])
        {
            // Names are spliced into the SQL text, so only plain identifiers pass.
            if (condition.AnyOf.Count == 0 || condition.AnyOf.Any(m => !FieldName().IsMatch(m.Field)))
            {
                throw new ArgumentException("A condition needs at least one match, each on a plain field name.", nameof(query));
            }
        }
    }

    private static object? AsNumber(string value)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            && integer.ToString(CultureInfo.InvariantCulture) == value)
        {
            return integer;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && double.IsFinite(real) && real.ToString("R", CultureInfo.InvariantCulture) == value
            ? real
            : null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex FieldName();
}
