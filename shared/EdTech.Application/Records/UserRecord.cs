using EdTech.Application.Storage;

namespace EdTech.Application.Records;

public sealed record UserRecord(string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt) : IStoredRecord
{
    public static string Container => Containers.Users;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;
}
