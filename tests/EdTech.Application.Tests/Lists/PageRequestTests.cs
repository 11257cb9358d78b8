using EdTech.Application.Common;

namespace EdTech.Application.Tests.Lists;

public sealed class PageRequestTests
{
    [Theory]
    [InlineData("quiz1")]
    [InlineData("s-1:auto-grade")]
    [InlineData("s-1:grade:q1:0000000000000001")]
    [InlineData("math101:student-04")]
    public void Parse_TokenAfterAStoredId_ContinuesAfterThatId(string lastId)
    {
        var request = PageRequest.Parse("10", PageRequest.TokenAfter(lastId));

        Assert.Null(request.Problem);
        Assert.Equal(lastId, request.Value!.AfterId);
    }

    [Theory]
    [InlineData("s-1:")]
    [InlineData(":s-1")]
    [InlineData("s 1")]
    [InlineData("s-1\n")]
    public void Parse_TokenAfterSomethingNoListEndsOn_Is422NamingNext(string lastId)
    {
        var request = PageRequest.Parse("10", PageRequest.TokenAfter(lastId));

        Assert.Equal("next", Assert.Single(request.Problem!.Errors!).Key);
    }

    [Fact]
    public void Parse_NotBase64Url_Is422NamingNext()
    {
        Assert.Equal("next", Assert.Single(PageRequest.Parse(null, "!!").Problem!.Errors!).Key);
    }
}
