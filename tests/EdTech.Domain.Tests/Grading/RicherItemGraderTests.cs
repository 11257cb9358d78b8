using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;

namespace EdTech.Domain.Tests.Grading;

/// <summary>The partial-credit and text rules of docs/item-types.md, one table per rule; every item is worth 3 points.</summary>
public sealed class RicherItemGraderTests
{
    private static AssessmentItem Item(string type, AnswerValue? key, ItemOptions? options = null, IReadOnlyList<string>? choices = null, decimal? tolerance = null) =>
        new("q1", type, "prompt", choices, key, tolerance, 3, ["skill"], options);

    private static AnswerValue Set(string csv) => AnswerValue.OfChoices(csv.Split(',', StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [InlineData("a,b", 3)]          // all right
    [InlineData("b,a", 3)]          // order does not count
    [InlineData("a", 1.5)]          // 1 right of 2
    [InlineData("a,c", 0)]          // 1 right − 1 wrong
    [InlineData("a,b,c", 1.5)]      // 2 right − 1 wrong of 2
    [InlineData("a,b,c,d", 0)]      // 2 − 2
    [InlineData("c,d", 0)]          // floor 0, never negative
    [InlineData("", 0)]             // empty answer
    [InlineData("a,a", 1.5)]        // a duplicate counts once
    public void MultiChoice_RightMinusWrong_EarnsRightMinusWrongOverKeyCount(string answer, double expected) =>
        Assert.Equal((decimal)expected, ItemGrader.Grade(
            Item(ItemType.MultiChoice, Set("a,b"), new ItemOptions(Scoring: ItemScoring.RightMinusWrong), ["a", "b", "c", "d"]), Set(answer)));

    [Theory]
    [InlineData("a,b", 3)]
    [InlineData("a", 0)]
    [InlineData("a,b,c", 0)]
    public void MultiChoice_AllOrNothingOrNoOptions_GradesAsBefore(string answer, double expected)
    {
        Assert.Equal((decimal)expected, ItemGrader.Grade(Item(ItemType.MultiChoice, Set("a,b"), null, ["a", "b", "c"]), Set(answer)));
        Assert.Equal((decimal)expected, ItemGrader.Grade(Item(ItemType.MultiChoice, Set("a,b"), new ItemOptions(Scoring: ItemScoring.AllOrNothing), ["a", "b", "c"]), Set(answer)));
    }

    [Fact]
    public void MultiChoice_RightMinusWrongThirds_RoundsToFourDecimals() =>
        Assert.Equal(1.0000m, ItemGrader.Grade(
            Item(ItemType.MultiChoice, Set("a,b,c"), new ItemOptions(Scoring: ItemScoring.RightMinusWrong), ["a", "b", "c", "d"]), Set("a")));

    [Fact]
    public void Credit_PartialShare_RoundsMidpointAwayFromZero()
    {
        Assert.Equal(0.3333m, new Credit(1, 3).Of(1));
        Assert.Equal(0.6667m, new Credit(2, 3).Of(1));
        Assert.Equal(0.00005m * 2, new Credit(1, 2).Of(0.0002m));
        Assert.Equal(0.0001m, new Credit(1, 2).Of(0.0001m)); // 0.00005 → 0.0001, not 0
        Assert.Equal(0.123456m, new Credit(3, 3).Of(0.123456m)); // full credit: the points exactly, unrounded
    }

    [Theory]
    [InlineData("Paris", true)]
    [InlineData("  paris ", true)]      // default: trimmed, case ignored (as before options)
    [InlineData("Paris, France", true)] // another accepted answer
    [InlineData("PARIS,  FRANCE", false)] // inner whitespace kept by the default rule
    [InlineData("Lyon", false)]
    [InlineData("", false)]
    public void ShortText_AcceptedAnswers_AnyOneEarnsFullPoints(string answer, bool right) =>
        Assert.Equal(right ? 3 : 0, ItemGrader.Grade(
            Item(ItemType.ShortText, AnswerValue.OfText("Paris"), new ItemOptions(AcceptedAnswers: ["Paris, France"])), AnswerValue.OfText(answer)));

    [Theory]
    [InlineData(TextRules.Trim, " new  york ", false)]
    [InlineData(TextRules.Collapse, " new \t york ", true)]
    [InlineData(TextRules.Ignore, "newyork", true)]
    [InlineData(TextRules.Ignore, " n e w y o r k", true)]
    [InlineData(TextRules.Exact, "New York", true)]
    [InlineData(TextRules.Exact, "New York ", false)]
    public void ShortText_WhitespaceRule_NormalizesBothSides(string rule, string answer, bool right) =>
        Assert.Equal(right ? 3 : 0, ItemGrader.Grade(
            Item(ItemType.ShortText, AnswerValue.OfText("New York"), new ItemOptions(Whitespace: rule)), AnswerValue.OfText(answer)));

    [Theory]
    [InlineData("H2O", true)]
    [InlineData("h2o", false)]
    public void ShortText_CaseSensitive_ComparesOrdinally(string answer, bool right) =>
        Assert.Equal(right ? 3 : 0, ItemGrader.Grade(
            Item(ItemType.ShortText, AnswerValue.OfText("H2O"), new ItemOptions(CaseSensitive: true)), AnswerValue.OfText(answer)));

    [Theory]
    [InlineData("colour", true)]
    [InlineData("COLOR", true)]          // case ignored by default, in the pattern too
    [InlineData(" color ", true)]        // matched after the whitespace rule
    [InlineData("colours", false)]       // the whole answer must match
    [InlineData("my colour", false)]
    public void ShortText_Pattern_MatchesWholeNormalizedAnswer(string answer, bool right) =>
        Assert.Equal(right ? 3 : 0, ItemGrader.Grade(
            Item(ItemType.ShortText, AnswerValue.OfText("color"), new ItemOptions(Pattern: "colou?r")), AnswerValue.OfText(answer)));

    [Fact]
    public void ShortText_CatastrophicPatternOnLongAnswer_AnswersFastWithoutMatch()
    {
        var item = Item(ItemType.ShortText, AnswerValue.OfText("a"), new ItemOptions(Pattern: "(a+)+b"));
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0, ItemGrader.Grade(item, AnswerValue.OfText(new string('a', TextRules.MaxPatternInput))));
        Assert.True(started.Elapsed < TextRules.MatchTimeout / 2, $"took {started.Elapsed}");
    }

    [Fact]
    public void ShortText_PatternOnAnswerLongerThanTheLimit_DoesNotMatch()
    {
        var item = Item(ItemType.ShortText, AnswerValue.OfText("x"), new ItemOptions(Pattern: "a+"));
        Assert.Equal(3, ItemGrader.Grade(item, AnswerValue.OfText(new string('a', TextRules.MaxPatternInput))));
        Assert.Equal(0, ItemGrader.Grade(item, AnswerValue.OfText(new string('a', TextRules.MaxPatternInput + 1))));
    }

    [Theory]
    [InlineData("(a+)+b", true)]
    [InlineData("colou?r|[0-9]{2,4}", true)]
    [InlineData("(.*a){20}[a-z]{500}", false)] // linear, but seconds on 500 characters: too expensive
    [InlineData("(a", false)]                 // does not parse
    [InlineData("a)|(b", false)]              // would escape the anchoring group
    [InlineData(@"(\w)\1", false)]            // backreference: not on the non-backtracking engine
    [InlineData("(?=a)a", false)]             // lookaround
    [InlineData("", false)]
    public void PatternError_OnlyPatternsTheLinearEngineRuns_AreAccepted(string pattern, bool accepted) =>
        Assert.Equal(accepted, TextRules.PatternError(pattern) is null);

    [Theory]
    [InlineData("(a{1000}){1000}")]
    [InlineData("((a{100}){100}){100}")]
    [InlineData("(.*a){20}[a-z]{500}")]
    [InlineData("(.*a){5}[a-z]{100}")]
    [InlineData("(.*a){100}")]
    public void PatternError_HugeRepetition_AnswersFastAndAnyAcceptedPatternGradesFast(string pattern)
    {
        var error = TextRules.PatternError(pattern);
        var started = System.Diagnostics.Stopwatch.StartNew();
        if (error is null)
        {
            ItemGrader.Grade(Item(ItemType.ShortText, AnswerValue.OfText("a"), new ItemOptions(Pattern: pattern)), AnswerValue.OfText(new string('a', TextRules.MaxPatternInput)));
        }

        // Well inside the match timeout, so the timeout never decides a score.
        Assert.True(started.Elapsed < TextRules.MatchTimeout / 2, $"{pattern}: {error ?? "accepted"} in {started.Elapsed}");
    }

    [Fact]
    public void PatternError_TooLong_IsRefused() =>
        Assert.NotNull(TextRules.PatternError(new string('a', TextRules.MaxPatternLength + 1)));

    [Theory]
    [InlineData(100, 104, true)]     // within 5% of 100
    [InlineData(100, 105, true)]
    [InlineData(100, 105.01, false)]
    [InlineData(-200, -190, true)]   // relative to |key|
    [InlineData(0, 0.0001, false)]   // 5% of 0 is 0
    public void Numeric_RelativeTolerance_IsAFractionOfTheKey(double key, double answer, bool right) =>
        Assert.Equal(right ? 3 : 0, ItemGrader.Grade(
            Item(ItemType.Numeric, AnswerValue.OfNumber((decimal)key), new ItemOptions(RelativeTolerance: 0.05m)), AnswerValue.OfNumber((decimal)answer)));

    [Theory]
    [InlineData(1000, 1040, true)]  // relative 5% = 50 wins
    [InlineData(10, 10.9, true)]    // absolute 1 wins over 0.5
    [InlineData(10, 11.1, false)]
    public void Numeric_BothTolerances_TheWiderOneCounts(double key, double answer, bool right) =>
        Assert.Equal(right ? 3 : 0, ItemGrader.Grade(
            Item(ItemType.Numeric, AnswerValue.OfNumber((decimal)key), new ItemOptions(RelativeTolerance: 0.05m), tolerance: 1), AnswerValue.OfNumber((decimal)answer)));

    [Fact]
    public void Numeric_DifferenceBeyondDecimalRange_EarnsZeroInsteadOfThrowing() =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.Numeric, AnswerValue.OfNumber(decimal.MinValue), tolerance: 1), AnswerValue.OfNumber(decimal.MaxValue)));

    [Theory]
    [InlineData(true, true, 3)]
    [InlineData(false, false, 3)]
    [InlineData(true, false, 0)]
    [InlineData(false, true, 0)]
    public void TrueFalse_SameValue_EarnsFullPoints(bool key, bool answer, double expected) =>
        Assert.Equal((decimal)expected, ItemGrader.Grade(Item(ItemType.TrueFalse, AnswerValue.OfBoolean(key)), AnswerValue.OfBoolean(answer)));

    [Fact]
    public void TrueFalse_TextTrue_IsNotABoolean() =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.TrueFalse, AnswerValue.OfBoolean(true)), AnswerValue.OfText("true")));

    private static readonly ItemOptions Capitals = new(Pairs: [new("France", "Paris"), new("Italy", "Rome"), new("Spain", "Madrid")], Distractors: ["Lyon"]);

    [Theory]
    [InlineData("France=Paris;Italy=Rome;Spain=Madrid", 3)]
    [InlineData("France=Paris;Italy=Madrid;Spain=Rome", 1)]
    [InlineData("France=Paris;Italy=Rome", 2)]            // an unanswered left earns nothing
    [InlineData("France=Lyon;Italy=Lyon;Spain=Lyon", 0)]  // a distractor is never right
    [InlineData("France=Paris;Italy=Paris;Spain=Paris", 1)] // one right side for every left: only its own pair
    [InlineData("", 0)]
    public void Matching_PerPair_EarnsEachRightPair(string answer, double expected) =>
        Assert.Equal((decimal)expected, ItemGrader.Grade(Item(ItemType.Matching, null, Capitals), Pairs(answer)));

    [Fact]
    public void Matching_ExtraUnknownLeft_EarnsNothingForIt() =>
        Assert.Equal(3, ItemGrader.Grade(Item(ItemType.Matching, null, Capitals), Pairs("France=Paris;Italy=Rome;Spain=Madrid;Peru=Lima")));

    [Theory]
    [InlineData("France=Paris;Italy=Rome;Spain=Madrid", 3)]
    [InlineData("France=Paris;Italy=Rome", 0)]
    public void Matching_AllOrNothing_NeedsEveryPair(string answer, double expected) =>
        Assert.Equal((decimal)expected, ItemGrader.Grade(Item(ItemType.Matching, null, Capitals with { Scoring = ItemScoring.AllOrNothing }), Pairs(answer)));

    [Fact]
    public void Matching_NotAnObject_EarnsZero() =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.Matching, null, Capitals), Set("Paris,Rome,Madrid")));

    [Theory]
    [InlineData("a,b,c,d", 3)]      // L = 4 of 4
    [InlineData("a,b,d,c", 2.25)]   // L = 3 (a b d)
    [InlineData("b,a,d,c", 1.5)]    // L = 2
    [InlineData("d,c,b,a", 0)]      // reversed: L = 1 earns nothing
    [InlineData("c,d,a,b", 1.5)]    // L = 2 (c d or a b)
    [InlineData("", 0)]
    public void Ordering_LongestSubsequence_EarnsLOverN(string answer, double expected) =>
        Assert.Equal((decimal)expected, ItemGrader.Grade(Item(ItemType.Ordering, Set("a,b,c,d")), Set(answer)));

    [Theory]
    [InlineData("a,b,c", 3)]
    [InlineData("a,c,b", 0)]
    public void Ordering_AllOrNothing_NeedsTheWholeOrder(string answer, double expected) =>
        Assert.Equal((decimal)expected, ItemGrader.Grade(Item(ItemType.Ordering, Set("a,b,c"), new ItemOptions(Scoring: ItemScoring.AllOrNothing)), Set(answer)));

    [Fact]
    public void Ordering_DuplicatedElements_CountOnce() =>
        Assert.Equal(1.5m, ItemGrader.Grade(Item(ItemType.Ordering, Set("a,b,c,d")), Set("a,a,b,b")));

    private static readonly ItemOptions TwoBlanks = new(Blanks: [new(["Paris"]), new(["1789", "seventeen eighty-nine"], Whitespace: TextRules.Collapse, Pattern: "17[0-9]{2}s?")]);

    [Theory]
    [InlineData("paris|1789", 3)]
    [InlineData(" Paris |Seventeen   eighty-nine", 3)] // blank 2 collapses whitespace, ignores case
    [InlineData("Paris|1790s", 3)]                      // blank 2's pattern
    [InlineData("Paris|1890", 1.5)]
    [InlineData("|1789", 1.5)]                         // an empty blank earns nothing
    [InlineData("Lyon|1890", 0)]
    [InlineData("Paris", 1.5)]                          // missing later blanks earn nothing
    public void FillInTheBlanks_PerBlank_EarnsEachRightBlank(string answer, double expected) =>
        Assert.Equal((decimal)expected, ItemGrader.Grade(Item(ItemType.FillInTheBlanks, null, TwoBlanks), AnswerValue.OfChoices(answer.Split('|'))));

    [Fact]
    public void FillInTheBlanks_ItemRulesAreTheBlanksDefaults()
    {
        var item = Item(ItemType.FillInTheBlanks, null, new ItemOptions(CaseSensitive: true, Blanks: [new(["Paris"]), new(["Rome"], CaseSensitive: false)]));
        Assert.Equal(1.5m, ItemGrader.Grade(item, AnswerValue.OfChoices(["paris", "rome"])));
        Assert.Equal(3m, ItemGrader.Grade(item, AnswerValue.OfChoices(["Paris", "rome"])));
    }

    [Fact]
    public void FillInTheBlanks_AllOrNothing_NeedsEveryBlank() =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.FillInTheBlanks, null, TwoBlanks with { Scoring = ItemScoring.AllOrNothing }), AnswerValue.OfChoices(["Paris", "1890"])));

    [Fact]
    public void Grade_SameAnswerTwice_SameScore()
    {
        var item = Item(ItemType.Ordering, Set("a,b,c,d,e,f,g"));
        Assert.Equal(ItemGrader.Grade(item, Set("b,a,c,e,d,g,f")), ItemGrader.Grade(item, Set("b,a,c,e,d,g,f")));
    }

    [Theory]
    [InlineData(ItemType.TrueFalse)]
    [InlineData(ItemType.Matching)]
    [InlineData(ItemType.Ordering)]
    [InlineData(ItemType.FillInTheBlanks)]
    public void Grade_Unanswered_EarnsZero(string type) =>
        Assert.Equal(0, ItemGrader.Grade(Item(type, null, Capitals), null));

    private static AnswerValue Pairs(string spec) => AnswerValue.OfPairs(spec.Split(';', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=')).Select(p => KeyValuePair.Create(p[0], p[1])));
}
