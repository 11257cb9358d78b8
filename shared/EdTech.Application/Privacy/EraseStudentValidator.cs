using EdTech.Application.Common;
using EdTech.Application.Records;

namespace EdTech.Application.Privacy;

public static class EraseStudentValidator
{
    public const int MaxReasonLength = 500;

    public static Validation Validate(EraseStudentCommand command) =>
        new Validation().Id(command.UserId, "userId", required: true).Text(command.Reason, "reason", MaxReasonLength);

    /// <summary>The reason outlives the erasure in the tombstone, so it must not carry the student's identity.</summary>
    public static Validation ValidateAgainst(EraseStudentCommand command, UserRecord user)
    {
        var v = new Validation();
        var identifying = new[] { user.Id, user.DisplayName, user.Email }.Where(s => s.Length > 0);
        return v.Require(!identifying.Any(s => command.Reason!.Contains(s, StringComparison.OrdinalIgnoreCase)),
            "reason", "Must not contain the student's id, name or e-mail: it is kept after the erasure.");
    }
}
