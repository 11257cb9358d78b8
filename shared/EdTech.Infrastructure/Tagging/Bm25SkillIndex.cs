using EdTech.Application.Content.Taxonomy;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace EdTech.Infrastructure.Tagging;

/// <summary>
/// A taxonomy in an in-memory Lucene index, searched with BM25 (k1 1.2, b 0.75). Each skill is one document with
/// three fields analysed by <see cref="ItemTextAnalyzer"/> (Lucene's English chain plus command words and notation):
/// its name and id (weight <see cref="NameBoost"/>), description and examples (weight <see cref="ExamplesBoost"/>).
/// The item's text becomes a bag of analysed terms, each a SHOULD clause on each field, so the item can only
/// contribute relevance: nothing in it is parsed as query syntax or read as an instruction.
/// Immutable once built; searches are thread-safe.
/// </summary>
public sealed class Bm25SkillIndex : IDisposable
{
    public const float NameBoost = 2f;
    public const float ExamplesBoost = 1.5f;

    /// <summary>Distinct item terms used per query (an essay prompt's tail adds little and costs clauses).</summary>
    public const int MaxQueryTerms = 128;

    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly string[] Fields = ["name", "description", "examples"];

    private readonly Analyzer _analyzer = new ItemTextAnalyzer();
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly string[] _ids;

    public Bm25SkillIndex(SkillTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var similarity = new BM25Similarity();
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer) { Similarity = similarity }))
        {
            foreach (var skill in taxonomy.Skills)
            {
                writer.AddDocument(new Document
                {
                    new StringField("id", skill.SkillId, Field.Store.YES),
                    new TextField("name", $"{skill.Name} {Words(skill.SkillId)}", Field.Store.NO),
                    new TextField("description", skill.Description, Field.Store.NO),
                    new TextField("examples", string.Join(" . ", skill.Examples), Field.Store.NO),
                });
            }

            writer.Commit();
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = similarity };
        _ids = new string[_reader.MaxDoc];
        for (var d = 0; d < _ids.Length; d++)
        {
            _ids[d] = _reader.Document(d).Get("id");
        }
    }

    public int Count => _ids.Length;

    /// <summary>The best <paramref name="top"/> skills for <paramref name="text"/>, highest BM25 score first (ties by id).</summary>
    public IReadOnlyList<(string SkillId, float Score)> Search(string text, int top)
    {
        var terms = Terms(text);
        if (terms.Count == 0 || _ids.Length == 0)
        {
            return [];
        }

        var query = new BooleanQuery();
        foreach (var (term, count) in terms)
        {
            // Repeated words weigh more, sub-linearly, as in BM25's own saturation of term frequency.
            var weight = MathF.Sqrt(count);
            foreach (var field in Fields)
            {
                var boost = field switch { "name" => NameBoost, "examples" => ExamplesBoost, _ => 1f };
                query.Add(new TermQuery(new Term(field, term)) { Boost = weight * boost }, Occur.SHOULD);
            }
        }

        return [.. _searcher.Search(query, top).ScoreDocs
            .Select(d => (_ids[d.Doc], d.Score))
            .OrderByDescending(h => h.Score).ThenBy(h => h.Item1, StringComparer.Ordinal)];
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    private Dictionary<string, int> Terms(string text)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        using var stream = _analyzer.GetTokenStream("description", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var t = term.ToString();
            if (terms.TryGetValue(t, out var n))
            {
                terms[t] = n + 1;
            }
            else if (terms.Count < MaxQueryTerms)
            {
                terms[t] = 1;
            }
        }

        stream.End();
        return terms;
    }

    private static string Words(string skillId) => skillId.Replace('.', ' ').Replace('-', ' ').Replace('_', ' ');
}
