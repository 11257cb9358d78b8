using EdTech.Domain.Submissions;
using EdTech.Application.Records;
using EdTech.Application.Submissions;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Tests.Submissions;

public sealed class SubmissionIdsTests
{
    [Fact]
    public void For_WithKey_IsStableAndDependsOnUserAssessmentAndKey()
    {
        var id = SubmissionIds.For("s1", "quiz1", "k1");

        Assert.Equal(id, SubmissionIds.For("s1", "quiz1", "k1"));
        Assert.Matches("^s-[0-9a-f]{32}$", id);
        Assert.NotEqual(id, SubmissionIds.For("s2", "quiz1", "k1"));
        Assert.NotEqual(id, SubmissionIds.For("s1", "quiz2", "k1"));
        Assert.NotEqual(id, SubmissionIds.For("s1", "quiz1", "k2"));
        // The separator keeps the parts apart: ("s1", "quiz1x") is not ("s1quiz1", "x").
        Assert.NotEqual(SubmissionIds.For("ab", "c", "k"), SubmissionIds.For("a", "bc", "k"));
    }

    [Fact]
    public void For_WithoutKey_IsFreshEachTime()
    {
        var id = SubmissionIds.For("s1", "quiz1", null);

        Assert.Matches("^s-[0-9a-f]{32}$", id);
        Assert.NotEqual(id, SubmissionIds.For("s1", "quiz1", null));
    }

    [Fact]
    public void ForAttempt_IsThePrefixAndTheAttemptNumber()
    {
        var prefix = SubmissionIds.AttemptPrefix("s1", "quiz1");

        Assert.Matches("^a-[0-9a-f]{32}-$", prefix);
        Assert.Equal(prefix + "1", SubmissionIds.ForAttempt("s1", "quiz1", 1));
        Assert.Equal(prefix + "12", SubmissionIds.ForAttempt("s1", "quiz1", 12));
        Assert.NotEqual(prefix, SubmissionIds.AttemptPrefix("s2", "quiz1"));
        Assert.NotEqual(prefix, SubmissionIds.AttemptPrefix("s1", "quiz2"));
        Assert.NotEqual(SubmissionIds.AttemptPrefix("ab", "c"), SubmissionIds.AttemptPrefix("a", "bc"));
    }
}

public sealed class SubmissionBodyHashTests
{
    private static readonly SubmittedAnswer A = new("q1", AnswerValue.OfText("a"));
    private static readonly SubmittedAnswer B = new("q2", AnswerValue.OfNumber(4));

    private static SubmissionRecord Stored(string? hash) =>
        new("s-1", "quiz1", 1, "math101", "s1", [A, B], DateTimeOffset.UnixEpoch, false, SubmissionStatus.Accepted, 5, "k1", BodyHash: hash);

    [Fact]
    public void Of_AnswerOrderDoesNotCount_ValuesDo()
    {
        Assert.Equal(SubmissionBodyHash.Of([A, B]), SubmissionBodyHash.Of([B, A]));
        Assert.NotEqual(SubmissionBodyHash.Of([A, B]), SubmissionBodyHash.Of([A, B with { Value = AnswerValue.OfNumber(5) }]));
        Assert.NotEqual(SubmissionBodyHash.Of([A, B]), SubmissionBodyHash.Of([A]));
        Assert.Matches("^sha256:[0-9a-f]{64}$", SubmissionBodyHash.Of([A]));
    }

    [Fact]
    public void Of_IsTheStoredFormat_SortedAscendingByItemId()
    {
        // Hashes are stored with submissions: a retry after a deployment must hash the same body to the same value.
        var expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("""[{"itemId":"q1","value":"a"},{"itemId":"q2","value":4}]""")));

        Assert.Equal(expected, SubmissionBodyHash.Of([B, A]));
    }

    [Fact]
    public void Of_OrdersItemIdsOrdinally()
    {
        var upper = new SubmittedAnswer("Q", AnswerValue.OfText("x"));
        var lower = new SubmittedAnswer("q", AnswerValue.OfText("x"));

        Assert.Equal(SubmissionBodyHash.Of([upper, lower]), SubmissionBodyHash.Of([lower, upper]));
    }

    [Fact]
    public void Matches_SameHash_OtherHash_NoStoredHash()
    {
        var hash = SubmissionBodyHash.Of([A, B]);

        Assert.True(SubmissionBodyHash.Matches(Stored(hash), hash));
        Assert.False(SubmissionBodyHash.Matches(Stored(hash), SubmissionBodyHash.Of([A])));
        Assert.False(SubmissionBodyHash.Matches(Stored(hash), hash.ToUpperInvariant()));
        Assert.True(SubmissionBodyHash.Matches(Stored(null), SubmissionBodyHash.Of([A])));
    }

    [Fact]
    public void OfAndMatches_Null_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => SubmissionBodyHash.Of(null!));
        Assert.Throws<ArgumentNullException>(() => SubmissionBodyHash.Matches(null!, "h"));
    }
}
