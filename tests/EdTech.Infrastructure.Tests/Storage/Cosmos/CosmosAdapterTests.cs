using System.Text.Json;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Cosmos;
using Microsoft.Azure.Cosmos;

namespace EdTech.Infrastructure.Tests.Storage.Cosmos;

/// <summary>What only the Cosmos adapter promises, checked without a server.</summary>
public sealed class CosmosAdapterTests
{
    private static readonly TenantId Tenant = new("school1");

    [Fact]
    public void Query_PutsEveryValueInParametersAndOnlyValidatedNamesInTheText()
    {
        var query = CosmosQueries.Build(Tenant, Containers.Submissions, new DocumentQuery("course-1", new Dictionary<string, string> { ["status"] = "x' OR 1=1 --" }, 5));

        var text = query.QueryText;
        Assert.Equal("SELECT TOP @limit * FROM c WHERE c.tenantId = @tenant AND c.partitionKey = @partition AND c.doc.status = @v0 ORDER BY c.id", text);
        Assert.DoesNotContain("OR 1=1", text, StringComparison.Ordinal);
        var parameters = query.GetQueryParameters().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal("school1", parameters["@tenant"]);
        Assert.Equal("course-1", parameters["@partition"]);
        Assert.Equal("x' OR 1=1 --", parameters["@v0"]);
        Assert.Equal(5, parameters["@limit"]);
    }

    [Fact]
    public void Query_Conditions_AreIndexServedPredicates_OrWithinACondition_ValuesAsParameters()
    {
        var query = CosmosQueries.Build(Tenant, Containers.Users, new DocumentQuery(null, null, 11, "u1",
        [
            FieldCondition.Of("roles", FieldMatchKind.ArrayContains, "student"),
            new FieldCondition([new("searchName", FieldMatchKind.StartsWith, "ad' OR 1=1"), new("id", FieldMatchKind.StartsWith, "Ad")]),
        ]));
        var audit = CosmosQueries.Build(Tenant, Containers.Audit, new DocumentQuery("s1", new Dictionary<string, string> { ["actorUserId"] = "t1" }, 5, null,
            [FieldCondition.Of("at", FieldMatchKind.AtLeast, "2026-01-01T00:00:00+00:00"), FieldCondition.Of("at", FieldMatchKind.Below, "2026-02-01T00:00:00+00:00")]));

        Assert.Equal(
            "SELECT TOP @limit * FROM c WHERE c.tenantId = @tenant AND c.id > @afterId AND (ARRAY_CONTAINS(c.doc.roles, @m0)) AND (STARTSWITH(c.doc.searchName, @m1) OR STARTSWITH(c.id, @m2)) ORDER BY c.id",
            query.QueryText);
        Assert.Equal(
            "SELECT TOP @limit * FROM c WHERE c.tenantId = @tenant AND c.partitionKey = @partition AND c.doc.actorUserId = @v0 AND (c.doc.at >= @m0) AND (c.doc.at < @m1) ORDER BY c.id",
            audit.QueryText);
        var parameters = query.GetQueryParameters().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(("student", "ad' OR 1=1", "Ad"), (parameters["@m0"], parameters["@m1"], parameters["@m2"]));
        Assert.Throws<ArgumentException>(() => CosmosQueries.Build(Tenant, Containers.Users, new DocumentQuery(Conditions: [FieldCondition.Of("email", FieldMatchKind.StartsWith, "a")])));
        Assert.Throws<ArgumentException>(() => CosmosQueries.Build(Tenant, Containers.Users, new DocumentQuery(Conditions: [new FieldCondition([])])));
    }

    [Fact]
    public void Query_FieldNotEquals_KeepsDocumentsWithoutTheField()
    {
        var query = CosmosQueries.Build(Tenant, Containers.Assessments, new DocumentQuery("c1", FieldNotEquals: new Dictionary<string, string> { ["state"] = "draft" }));

        Assert.Contains("AND (NOT IS_DEFINED(c.doc.state) OR c.doc.state != @x0)", query.QueryText, StringComparison.Ordinal);
        Assert.Equal("draft", query.GetQueryParameters().ToDictionary(p => p.Name, p => p.Value)["@x0"]);
    }

    [Fact]
    public void Query_OnANumericValue_MatchesTheTextOrTheNumber()
    {
        var query = CosmosQueries.Build(Tenant, Containers.Submissions, DocumentQuery.Where("assessmentId", "3"));

        Assert.Contains("(c.doc.assessmentId = @v0 OR c.doc.assessmentId = @n0)", query.QueryText, StringComparison.Ordinal);
        var parameters = query.GetQueryParameters().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal("3", parameters["@v0"]);
        Assert.Equal(3L, parameters["@n0"]);
    }

    [Theory]
    [InlineData("03")]
    [InlineData("1e3")]
    [InlineData("three")]
    public void Query_OnTextThatIsNotANumbersCanonicalForm_ComparesAsTextOnly(string value)
    {
        var query = CosmosQueries.Build(Tenant, Containers.Submissions, DocumentQuery.Where("status", value));

        Assert.DoesNotContain("@n0", query.QueryText, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequence_StaysStrictlyIncreasing_WhenTheClockGoesBack()
    {
        var clock = new SettableClock(DateTimeOffset.UnixEpoch.AddDays(20_000));
        var sequence = new CosmosSequence(clock);

        var first = sequence.Next();
        clock.Now = clock.Now.AddSeconds(-5);
        var second = sequence.Next();

        Assert.True(second > first);
        Assert.Equal(20_000L * 86_400 * 1_000_000, first);
    }

    [Fact]
    public void Sequence_MovesPastEverySequenceItRead_SoARewriteIsAlwaysNewer()
    {
        var clock = new SettableClock(DateTimeOffset.UnixEpoch.AddDays(20_000));
        var sequence = new CosmosSequence(clock);
        var writtenByAFasterInstance = sequence.Next() + 60_000_000;

        sequence.Observe(writtenByAFasterInstance);

        Assert.True(sequence.Next() > writtenByAFasterInstance);
    }

    [Theory]
    [InlineData("https://edtech.documents.azure.com:443/", true, false)]
    [InlineData("https://edtech.documents.azure.com:443/", false, true)]
    [InlineData("http://127.0.0.1:8081/", false, false)]
    public void Options_WithAKeyOrAnyCertificateOffLoopback_OrWithoutHttps_AreRefused(string endpoint, bool key, bool anyCertificate)
    {
        var options = new CosmosStoreOptions { Endpoint = new Uri(endpoint), Key = key ? CosmosStoreOptions.EmulatorKey : null, AcceptAnyServerCertificate = anyCertificate };

        var error = Assert.Throws<InvalidOperationException>(options.EnsureValid);
        Assert.Contains("Store:Cosmos:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ForTheEmulatorOnLoopback_AndForAzureWithIdentity_AreAccepted()
    {
        new CosmosStoreOptions { Endpoint = new Uri("https://127.0.0.1:8081/"), Key = CosmosStoreOptions.EmulatorKey, AcceptAnyServerCertificate = true }.EnsureValid();
        new CosmosStoreOptions { Endpoint = new Uri("https://edtech.documents.azure.com:443/") }.EnsureValid();
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
