using System.CommandLine;
using EdTech.Cli.Commands.Load;

namespace EdTech.Cli.Tests.Commands.Load;

public class LoadCommandTests
{
    private static ParseResult Parse(string line) => new RootCommand { LoadCommand.Create() }.Parse(line);

    [Fact]
    public void Parse_ExamWithHttpUrlAndCounts_HasNoErrors()
    {
        Assert.Empty(Parse("load exam --url http://127.0.0.1:7199 --data /tmp/x --students 200 --concurrency 16 --tenant load-abc").Errors);
    }

    [Theory]
    [InlineData("load exam --url not-a-url")]
    [InlineData("load exam --url ftp://127.0.0.1/")]
    [InlineData("load exam --url http://127.0.0.1:7199 --students 0")]
    [InlineData("load exam --url http://127.0.0.1:7199 --concurrency -1")]
    [InlineData("load exam --students 10")]
    public void Parse_InvalidArguments_ReportsAnError(string line)
    {
        Assert.NotEmpty(Parse(line).Errors);
    }
}
