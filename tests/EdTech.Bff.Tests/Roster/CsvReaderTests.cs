using System.Text;
using EdTech.Application.Roster;

namespace EdTech.Bff.Tests.Roster;

public sealed class CsvReaderTests
{
    [Fact]
    public void Parse_QuotedFields_KeepCommasDoubledQuotesAndLineBreaks()
    {
        var (table, error) = CsvReader.Parse("sourcedId,title\r\nc1,\"Maths, \"\"advanced\"\"\r\npart two\"\r\nc2,Plain\r\n");

        Assert.Null(error);
        Assert.Equal(["sourcedId", "title"], table!.Header);
        Assert.Equal(2, table.Records.Count);
        Assert.Equal("Maths, \"advanced\"\r\npart two", table.Records[0].Fields[1]);
        Assert.Equal(["c2", "Plain"], table.Records[1].Fields);
    }

    [Fact]
    public void Parse_RowNumbers_CountTheHeaderAndLineBreaksInsideQuotes()
    {
        var (table, _) = CsvReader.Parse("a,b\n1,\"x\ny\"\n\n2,z");

        Assert.Equal([2, 5], table!.Records.Select(r => r.Row));
    }

    [Fact]
    public void Parse_Utf8BomAndLfOnly_AreAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("sourcedId,givenName\nu1,Zoë\n")).ToArray();

        var (table, error) = CsvReader.Parse(bytes);

        Assert.Null(error);
        Assert.Equal("sourcedId", table!.Header[0]);
        Assert.Equal("Zoë", table.Records[0].Fields[1]);
    }

    [Fact]
    public void Parse_EmptyFieldsAndTrailingComma_AreFields()
    {
        var (table, _) = CsvReader.Parse("a,b,c\n,,\nx,,");

        Assert.Equal(["", "", ""], table!.Records[0].Fields);
        Assert.Equal(["x", "", ""], table.Records[1].Fields);
    }

    [Fact]
    public void Parse_UnterminatedQuote_IsAnErrorNamingTheRow()
    {
        var (table, error) = CsvReader.Parse("a,b\n1,2\n3,\"open\n");

        Assert.Null(table);
        Assert.Contains("row 3", error);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsAnError()
    {
        var (table, error) = CsvReader.Parse(new byte[] { (byte)'a', (byte)'\n', 0xC3, 0x28 });

        Assert.Null(table);
        Assert.Equal("Not valid UTF-8.", error);
    }

    [Fact]
    public void Parse_EmptyText_HasNoHeader()
    {
        Assert.Equal("No header row.", CsvReader.Parse("").Error);
    }

    [Fact]
    public void IndexOf_MatchesColumnNamesIgnoringCase()
    {
        var (table, _) = CsvReader.Parse("SourcedId,givenname\n");

        Assert.Equal(0, table!.IndexOf("sourcedId"));
        Assert.Equal(1, table.IndexOf("givenName"));
        Assert.Equal(-1, table.IndexOf("email"));
    }
}
