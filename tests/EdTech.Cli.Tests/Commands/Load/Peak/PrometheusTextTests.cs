using EdTech.Cli.Commands.Load.Peak;

namespace EdTech.Cli.Tests.Commands.Load.Peak;

public sealed class PrometheusTextTests
{
    [Fact]
    public void Parse_ExporterOutput_SkipsCommentsAndReadsNamesLabelsAndValues()
    {
        var samples = PrometheusText.Parse(PrometheusSamples.Before);

        Assert.Equal(10, samples.Count);
        var first = samples.Single(s => s.Name == "edtech_store_writes_total" && s.Labels["edtech_store_op"] == "replace");
        Assert.Equal(50, first.Value);
        Assert.Equal("submissions", first.Labels["edtech_store_container"]);
        Assert.Equal(3, samples.Single(s => s.Labels.GetValueOrDefault("le") == "+Inf").Value);
    }

    [Fact]
    public void Parse_EscapedLabelValuesAndSpecialValues_AreUnescaped()
    {
        var samples = PrometheusText.Parse("m{a=\"x\\\"y\\\\z\\n\",b=\"\",} +Inf\nn NaN 12\no -3.5e2\n");

        Assert.Equal("x\"y\\z\n", samples[0].Labels["a"]);
        Assert.Equal("", samples[0].Labels["b"]);
        Assert.True(double.IsPositiveInfinity(samples[0].Value));
        Assert.True(double.IsNaN(samples[1].Value));
        Assert.Equal(-350, samples[2].Value);
    }

    [Theory]
    [InlineData("m{a=\"x} 1")]
    [InlineData("m{a=x} 1")]
    [InlineData("m one")]
    [InlineData("m 1 2 3")]
    public void Parse_MalformedLine_ThrowsNamingIt(string line)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusText.Parse(line));
        Assert.Contains("m", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Total_MatchesTheBaseNameWithOrWithoutTotalSuffix_AndIsNullWhenAbsent()
    {
        var snapshot = MetricsSnapshot.Parse(PrometheusSamples.Before + "\nplain_counter 4\n");

        Assert.Equal(2151, snapshot.Total("edtech_store_writes"));
        Assert.Equal(2151, snapshot.Total("edtech_store_writes_total"));
        Assert.Equal(4, snapshot.Total("plain_counter"));
        Assert.Null(snapshot.Total("edtech_changefeed_batches"));
        Assert.False(snapshot.Has("edtech_store"));
    }

    [Fact]
    public void By_GroupsOnTheFirstLabelEndingWithASuffix()
    {
        var snapshot = MetricsSnapshot.Parse(PrometheusSamples.After + "\nedtech_store_writes_total{op=\"create\"} 5\n");

        var by = snapshot.By("edtech_store_writes", ["container"]);

        Assert.Equal(3150, by["submissions"]);
        Assert.Equal(1000, by["audit"]);
        Assert.Equal(5, by["(none)"]);
        Assert.Equal(2000, snapshot.By("edtech_changefeed_changes", ["consumer", "handler"])["submission-projection"]);
    }
}
