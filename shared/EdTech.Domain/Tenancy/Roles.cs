namespace EdTech.Domain.Tenancy;

public static class Roles
{
    public const string Student = "student";
    public const string Teacher = "teacher";
    public const string TenantAdmin = "tenant-admin";
    public const string ContentAuthor = "content-author";
    public const string PlatformAdmin = "platform-admin";

    public static IReadOnlyList<string> All { get; } = [Student, Teacher, TenantAdmin, ContentAuthor, PlatformAdmin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
