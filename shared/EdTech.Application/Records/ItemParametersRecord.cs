using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// 2PL parameters of one item from the nightly calibration. Id "{assessmentId}:{itemId}". <see cref="Flag"/> is
/// "low-discrimination" (a &lt; 0.2) or "negative-discrimination" (right answers come from weaker students), else null.
/// </summary>
public sealed record ItemParametersRecord(string Id, string CourseId, string AssessmentId, string ItemId, double Discrimination, double Difficulty,
    int Responses, double ItemRestCorrelation, string? Flag, DateTimeOffset CalibratedAt) : IStoredRecord
{
    public const string LowDiscrimination = "low-discrimination";
    public const string NegativeDiscrimination = "negative-discrimination";

    public static string Container => Containers.ItemParameters;

    public string PartitionKey => CourseId;

    public static string IdFor(string assessmentId, string itemId) => $"{assessmentId}:{itemId}";
}
