using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Pattern;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace EdTech.Infrastructure.Tagging;

/// <summary>
/// Lucene's English analysis chain (standard tokenizer, possessives, lower case, stop words, Porter stemming) with two
/// additions for assessment items, applied alike to the taxonomy and to items:
/// <list type="bullet">
/// <item>command and question words ("what", "which", "explain", "calculate", "give" ...) are stop words: they say how
/// to answer, not what the item is about (they feed the Bloom level and difficulty instead, <c>BloomLevel</c>);</item>
/// <item>notation is read as words: "3/8" as "3 fraction 8", "%" as "percentage", "²"/"³" as "squared"/"cubed",
/// "π" as "pi", "×"/"÷" as "multiply"/"divide", so a symbol-only stem still has terms to match.</item>
/// </list>
/// </summary>
public sealed class ItemTextAnalyzer : Analyzer
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Interrogatives, pronouns, modal verbs and exam command words (after the common exam-board command word lists).</summary>
    public static IReadOnlyList<string> CommandWords { get; } =
    [
        "what", "which", "who", "whom", "whose", "why", "how", "when", "where", "does", "do", "did", "can", "could", "would",
        "should", "may", "might", "must", "has", "have", "had", "i", "me", "my", "we", "our", "us", "you", "your", "he", "she",
        "his", "her", "him", "its", "them", "give", "write", "explain", "describe", "state", "name", "identify", "calculate",
        "work", "out", "find", "show", "use", "using", "answer", "complete", "choose", "select", "list", "suggest", "compare",
        "evaluate", "justify", "discuss", "outline", "define", "analyse", "analyze", "assess", "say", "following", "below",
        "above", "each", "example", "question", "true", "false", "best", "correct", "correctly", "word", "words", "least",
        "most", "one", "two", "three", "about", "from", "up", "down", "so", "than", "same", "also", "all", "any", "some",
        "been", "being", "were", "very", "only", "just", "after", "before", "make", "makes", "made", "get", "got", "put", "take",
        "taken", "given", "here", "now", "those", "own", "other", "more", "less", "way", "like", "many", "much",
    ];

    private static readonly CharArraySet StopWords = Stops();

    private static readonly NormalizeCharMap Notation = NotationMap();

    private static readonly Regex Fraction = new(@"(\d)\s*/\s*(\d)", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>The analysed terms of <paramref name="text"/>, in order (for tests and for explaining a ranking).</summary>
    public IReadOnlyList<string> Tokens(string text)
    {
        var tokens = new List<string>();
        using var stream = GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }

    protected override TextReader InitReader(string fieldName, TextReader reader) =>
        new PatternReplaceCharFilter(Fraction, "$1 fraction $2", new MappingCharFilter(Notation, reader));

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream result = new StandardFilter(Version, source);
        result = new EnglishPossessiveFilter(Version, result);
        result = new LowerCaseFilter(Version, result);
        result = new StopFilter(Version, result, StopWords);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    private static CharArraySet Stops()
    {
        var set = new CharArraySet(Version, EnglishAnalyzer.DefaultStopSet, ignoreCase: true);
        foreach (var word in CommandWords)
        {
            set.Add(word);
        }

        return set.AsReadOnly();
    }

    private static NormalizeCharMap NotationMap()
    {
        var map = new NormalizeCharMap.Builder();
        map.Add("%", " percentage ");
        map.Add("²", " squared ");
        map.Add("³", " cubed ");
        map.Add("π", " pi ");
        map.Add("×", " multiply ");
        map.Add("÷", " divide ");
        return map.Build();
    }
}
