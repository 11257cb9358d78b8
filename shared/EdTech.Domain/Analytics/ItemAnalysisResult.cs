namespace EdTech.Domain.Analytics;

/// <summary>
/// One item's statistics, defined as Moodle's quiz statistics report defines them, unrounded:
/// <see cref="Facility"/> is the mean mark ÷ max mark (0..1); <see cref="Sd"/> the sample standard deviation of the mark ÷ max
/// mark; <see cref="DiscriminationIndex"/> 100 × the correlation of the item's mark with the rest of the attempt's marks;
/// <see cref="DiscriminativeEfficiency"/> 100 × that covariance ÷ the largest covariance the two mark distributions allow
/// (both sorted). Null where Moodle shows nothing: no responses, one response, or a zero variance.
/// The intervals are percentile bootstrap intervals over students (null with fewer than the minimum responses).
/// </summary>
public sealed record ItemAnalysisResult(
    string ItemId,
    int Responses,
    double? Facility,
    double? Sd,
    double? DiscriminationIndex,
    double? DiscriminativeEfficiency,
    Interval95? FacilityCi95,
    Interval95? DiscriminationIndexCi95);
