namespace EdTech.Application.Tenants;

public static class TimeZones
{
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return false;
        }

        return id == "UTC" || TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
    }
}
