using System.Text.Json;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.ChangeFeed;

public sealed class ChangeFeedPoisonRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ForChange_NamesTheDocumentAndTheFailure_WithoutCopyingIt()
    {
        var change = Change("""{"id":"sub-1","userId":"s1","answers":[1,2]}""", id: "sub-1", sequence: 42);

        var record = ChangeFeedPoisonRecord.ForChange("projector", change, ChangeFeedPoisonRecord.HandlerFailed, new InvalidOperationException("boom"), 5, Now);

        Assert.Equal(ChangeFeedPoisonRecord.IdFor("projector", "submissions", "sub-1", "42"), record.Id);
        Assert.Equal("projector.submissions.sub-1.42", record.Id);
        Assert.Equal(("projector", "submissions", "sub-1", 42L, "\"etag-1\""), (record.Handler, record.SourceContainer, record.DocumentId, record.Sequence, record.ETag));
        Assert.Equal(("handler-failed", "System.InvalidOperationException: boom", 5, Now), (record.Reason, record.Error, record.Attempts, record.PoisonedAt));
        Assert.Equal("s1", record.UserId);
        Assert.Null(record.RawItem);
        Assert.Equal("projector", record.PartitionKey);
        Assert.Equal("poison", ChangeFeedPoisonRecord.Container);
    }

    [Fact]
    public void ForChange_Malformed_KeepsTheRawText_CutAtMaxRawChars()
    {
        var longText = "{\"userId\":\"s2\",\"pad\":\"" + new string('x', 5000) + "\"}";

        var shortRecord = ChangeFeedPoisonRecord.ForChange("h", Change("{\"userId\":\"s2\"}"), ChangeFeedPoisonRecord.Malformed, new JsonException("bad"), 1, Now);
        var longRecord = ChangeFeedPoisonRecord.ForChange("h", Change(longText), ChangeFeedPoisonRecord.Malformed, new JsonException("bad"), 1, Now);

        Assert.Equal("malformed", ChangeFeedPoisonRecord.Malformed);
        Assert.Equal("{\"userId\":\"s2\"}", shortRecord.RawItem);
        Assert.Equal(4096, ChangeFeedPoisonRecord.MaxRawChars);
        Assert.Equal(longText[..4096], longRecord.RawItem);
        Assert.Equal("s2", longRecord.UserId);
    }

    [Theory]
    [InlineData("""{"userId":7}""")]
    [InlineData("""{"user":"s1"}""")]
    [InlineData("""["userId","s1"]""")]
    [InlineData("""not json""")]
    [InlineData("""{"nested":{"userId":"s1"}}""")]
    public void ForChange_WithoutATopLevelStringUserId_HasNoUserId(string json)
    {
        var record = ChangeFeedPoisonRecord.ForChange("h", Change(json), ChangeFeedPoisonRecord.HandlerFailed, new InvalidOperationException("x"), 1, Now);

        Assert.Null(record.UserId);
    }

    [Fact]
    public void ForChange_LongErrorMessage_IsCutAtMaxRawChars()
    {
        var record = ChangeFeedPoisonRecord.ForChange("h", Change("{}"), ChangeFeedPoisonRecord.HandlerFailed, new InvalidOperationException(new string('m', 5000)), 1, Now);

        Assert.Equal(4096, record.Error.Length);
        Assert.StartsWith("System.InvalidOperationException: mmm", record.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ForChange_NullChangeOrError_Throws()
    {
        Assert.Equal("change", Assert.Throws<ArgumentNullException>(() =>
            ChangeFeedPoisonRecord.ForChange("h", null!, ChangeFeedPoisonRecord.HandlerFailed, new InvalidOperationException(), 1, Now)).ParamName);
        Assert.Equal("error", Assert.Throws<ArgumentNullException>(() =>
            ChangeFeedPoisonRecord.ForChange("h", Change("{}"), ChangeFeedPoisonRecord.HandlerFailed, null!, 1, Now)).ParamName);
    }

    [Fact]
    public void ForMalformedItem_WithItsId_IsKeyedByTheId_AndKeepsTheRawItem()
    {
        var record = ChangeFeedPoisonRecord.ForMalformedItem("h", "submissions", "doc-1", "{raw}", new JsonException("no"), Now);

        Assert.Equal("h.submissions.doc-1.raw", record.Id);
        Assert.Equal(("h", "submissions", "doc-1", (long?)null, (string?)null), (record.Handler, record.SourceContainer, record.DocumentId, record.Sequence, record.ETag));
        Assert.Equal(("malformed", "System.Text.Json.JsonException: no", 1, Now), (record.Reason, record.Error, record.Attempts, record.PoisonedAt));
        Assert.Equal(((string?)null, "{raw}"), (record.UserId, record.RawItem));
    }

    [Fact]
    public void ForMalformedItem_WithoutId_IsKeyedByTheRawItemsHash()
    {
        var first = ChangeFeedPoisonRecord.ForMalformedItem("h", "c", null, "abc", new JsonException("no"), Now);
        var again = ChangeFeedPoisonRecord.ForMalformedItem("h", "c", null, "abc", new JsonException("other"), Now);
        var other = ChangeFeedPoisonRecord.ForMalformedItem("h", "c", null, "abd", new JsonException("no"), Now);

        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad, its first 32 hex digits.
        Assert.Equal("h.c.sha256-ba7816bf8f01cfea414140de5dae2223.raw", first.Id);
        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Null(first.DocumentId);
        Assert.Equal(new string('r', 4096), ChangeFeedPoisonRecord.ForMalformedItem("h", "c", null, new string('r', 5000), new JsonException("no"), Now).RawItem);
    }

    [Fact]
    public void ForMalformedItem_NullRawItemOrError_Throws()
    {
        Assert.Equal("rawItem", Assert.Throws<ArgumentNullException>(() => ChangeFeedPoisonRecord.ForMalformedItem("h", "c", "d", null!, new JsonException(), Now)).ParamName);
        Assert.Equal("error", Assert.Throws<ArgumentNullException>(() => ChangeFeedPoisonRecord.ForMalformedItem("h", "c", "d", "raw", null!, Now)).ParamName);
    }

    [Fact]
    public void IdFor_KeepsLettersDigitsAndDotDashUnderscoreColon_ReplacesTheRest()
    {
        Assert.Equal("h-1.c_2.a:b_c_d_e_f_g.7", ChangeFeedPoisonRecord.IdFor("h-1", "c_2", "a:b/c\\d?e#f g", "7"));
        Assert.Equal("h.c.__.1", ChangeFeedPoisonRecord.IdFor("h", "c", "é~", "1"));
    }

    [Fact]
    public void IdFor_UpTo200Characters_IsKeptWhole_LongerIsCutWithAHashOfTheWhole()
    {
        var exactly200 = ChangeFeedPoisonRecord.IdFor("h", "c", new string('d', 200 - 6), "1");
        var longer = ChangeFeedPoisonRecord.IdFor("h", "c", new string('d', 300), "1");
        var longerOther = ChangeFeedPoisonRecord.IdFor("h", "c", new string('d', 300), "2");

        Assert.Equal("h.c." + new string('d', 194) + ".1", exactly200);
        Assert.Equal(200, longer.Length);
        Assert.Equal("h.c." + new string('d', 163) + "~", longer[..168]);
        Assert.Matches("^[0-9a-f]{32}$", longer[168..]);
        Assert.NotEqual(longer, longerOther);
    }

    private static StoredDocument Change(string json, string id = "doc", long sequence = 1) =>
        new(new TenantId("school1"), "submissions", id, "p", json, "\"etag-1\"", sequence, Now);
}
