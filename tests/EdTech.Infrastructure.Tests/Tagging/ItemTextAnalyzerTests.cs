using EdTech.Infrastructure.Tagging;

namespace EdTech.Infrastructure.Tests.Tagging;

public sealed class ItemTextAnalyzerTests
{
    private readonly ItemTextAnalyzer _analyzer = new();

    [Fact]
    public void Tokens_CommandWordsAndStopWords_AreDropped_ContentWordsStemmed() =>
        Assert.Equal(["photosynthesi", "take", "place", "leaf"], _analyzer.Tokens("Explain where photosynthesis takes place in the leaf."));

    [Fact]
    public void Tokens_Notation_IsReadAsWords() =>
        Assert.Equal(["larger", "3", "fraction", "8", "10", "percentag", "5", "m", "squar"], _analyzer.Tokens("Which is larger: 3/8? 10% of 5 m²"));
}
