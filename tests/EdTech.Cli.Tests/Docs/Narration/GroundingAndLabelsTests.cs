using EdTech.Cli.Commands.Docs.Narration;

namespace EdTech.Cli.Tests.Docs.Narration;

public sealed class GroundingAndLabelsTests
{
    [Fact]
    public void Parse_Flowchart_NodeEdgeAndGroupLabelsWithoutIdsOrStyling()
    {
        var labels = DiagramLabels.Parse(SampleDiagram.Markdown);

        Assert.Equal(SampleDiagram.Labels.Order(StringComparer.Ordinal), labels.All.Order(StringComparer.Ordinal));
        Assert.Equal("Student API", labels.Nodes.Single(n => n.Id == "nodeAlpha").Group);
        Assert.Equal([("nodeAlpha", "nodeBeta", "starts"), ("nodeBeta", "nodeGamma", null)], labels.Edges.Select(e => (e.From, e.To, e.Label)));
    }

    [Fact]
    public void Parse_LinkForms_InlineAndPipeLabelsChainsAndBareIds()
    {
        var labels = DiagramLabels.Parse("""
            ```mermaid
            graph TD
              a1 -- reads --> b1 & c1
              b1 -.->|"emits #quot;x#quot;"| d1{{"Change<br/>feed"}}
              d1 ==> e1>Timer]
            ```
            """);

        Assert.Equal(
            [("a1", "b1", "reads"), ("a1", "c1", "reads"), ("b1", "d1", "emits \"x\""), ("d1", "e1", null)],
            labels.Edges.Select(e => (e.From, e.To, e.Label)));
        Assert.Equal("Change feed", labels.Nodes.Single(n => n.Id == "d1").Label);
        Assert.Equal("Timer", labels.Nodes.Single(n => n.Id == "e1").Label);
        Assert.Equal("a1", labels.Nodes.Single(n => n.Id == "a1").Label);
    }

    [Fact]
    public void Parse_UnquotedLabels_RunToTheirShapesOwnCloser()
    {
        var labels = DiagramLabels.Parse("""
            ```mermaid
            flowchart LR
              n1[GET /api/teacher/courses/{courseId}/gradebook] --> n2((Grade))
              n2 --> n3[/api/x] & n4{Due?}
            ```
            """);

        Assert.Equal(["GET /api/teacher/courses/{courseId}/gradebook", "Grade", "/api/x", "Due?"], labels.Nodes.Select(n => n.Label));
        Assert.Equal([("n1", "n2"), ("n2", "n3"), ("n2", "n4")], labels.Edges.Select(e => (e.From, e.To)));
    }

    [Fact]
    public void Parse_ErDiagram_EntitiesAttributesAndRelationships()
    {
        var labels = DiagramLabels.Parse("""
            ```mermaid
            erDiagram
              submissions {
                string tenantId PK "partition key level 1"
                string submissionId
              }
              submissions ||--o{ grades : "graded into"
            ```
            """);

        Assert.Contains("submissions", labels.All);
        Assert.Contains("tenantId string partition key level 1", labels.All);
        Assert.Contains("submissionId string", labels.All);
        Assert.Contains("grades", labels.All);
        Assert.Equal(("submissions", "grades", "graded into"), labels.Edges.Select(e => (e.From, e.To, e.Label)).Single());
    }

    [Theory]
    [InlineData("The `Student API` starts grading.", new string[] { "Student API" })]
    [InlineData("GradeSubmission and gradeItem run.", new[] { "GradeSubmission", "gradeItem" })]
    [InlineData("It uses the change-feed and tenant_id, e.g. EdTech.Bff at /api/student/x.", new[] { "change-feed", "tenant_id", "EdTech.Bff", "/api/student/x" })]
    [InlineData("Plain words only: 1-3 items, 24-hour window. The Cosmos store, OK.", new string[0])]
    public void CitedNames_IdentifierShapedAndBacktickedTokens(string draft, string[] expected)
    {
        Assert.Equal(expected, GroundingCheck.CitedNames(draft));
    }

    [Fact]
    public void Violations_NameInsideALabel_GroundedOthersListed()
    {
        var violations = GroundingCheck.Violations(SampleDiagram.UngroundedDraft + " See /api/student/assessments and Submissions.", SampleDiagram.Labels);

        Assert.Equal(["ReleaseScores", "change-feed", "StudentDashboard"], violations);
        Assert.Empty(GroundingCheck.Violations(SampleDiagram.GroundedDraft, SampleDiagram.Labels));
    }
}
