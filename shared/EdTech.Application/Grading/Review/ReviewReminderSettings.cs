using System.Globalization;

namespace EdTech.Application.Grading.Review;

/// <summary>
/// How long a submission may wait for human review before the course's teachers are reminded
/// (<c>Grading:ReviewReminderAfter</c>, a TimeSpan, default 48 h), and after how many reminders the tenant
/// admins are told as well (<c>Grading:ReviewRemindersBeforeEscalation</c>, default 2).
/// </summary>
public sealed record ReviewReminderSettings(TimeSpan ReminderAfter, int RemindersBeforeEscalation)
{
    public static ReviewReminderSettings Default { get; } = new(TimeSpan.FromHours(48), 2);

    public static ReviewReminderSettings From(string? reminderAfter, string? remindersBeforeEscalation) => new(
        TimeSpan.TryParse(reminderAfter, CultureInfo.InvariantCulture, out var after) && after > TimeSpan.Zero ? after : Default.ReminderAfter,
        int.TryParse(remindersBeforeEscalation, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : Default.RemindersBeforeEscalation);
}
