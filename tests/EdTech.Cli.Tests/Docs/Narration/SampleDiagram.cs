using EdTech.Cli.Commands.Docs;

namespace EdTech.Cli.Tests.Docs.Narration;

/// <summary>A small generated diagram: prose and styling around a flowchart whose labels are all the model may see.</summary>
internal static class SampleDiagram
{
    public const string Markdown = """
        # Sample service map

        Prose outside the diagram: ProseOnlyName must never reach the model.

        ```mermaid
        flowchart LR
          %% CommentOnlyName is a comment
          subgraph roleStudent["Student API"]
            nodeAlpha["POST /api/student/assessments/{assessmentId}/submissions"]
          end
          nodeAlpha -->|starts| nodeBeta(["GradeSubmission"])
          nodeBeta --> nodeGamma[("submissions container")]
          classDef hotStyle fill:#f96
          class nodeBeta hotStyle
        ```
        """;

    /// <summary>What a reader of the diagram sees.</summary>
    public static readonly string[] Labels = ["Student API", "POST /api/student/assessments/{assessmentId}/submissions", "starts", "GradeSubmission", "submissions container"];

    /// <summary>Text of the document that is not a label (prose, comment, ids, styling).</summary>
    public static readonly string[] NotLabels = ["Sample service map", "ProseOnlyName", "CommentOnlyName", "roleStudent", "nodeAlpha", "nodeBeta", "nodeGamma", "hotStyle", "fill:#f96", "flowchart"];

    public static GeneratedDoc Doc => new("docs/architecture/diagrams/sample-map.md", Markdown.Replace("\r\n", "\n", StringComparison.Ordinal));

    public const string GroundedDraft = "A student's `POST /api/student/assessments/{assessmentId}/submissions` request, part of the `Student API`, starts `GradeSubmission`, which keeps its results in the `submissions container`.";

    public const string UngroundedDraft = "`GradeSubmission` hands the result to `ReleaseScores`, and the change-feed updates the StudentDashboard.";
}
