namespace EdTech.Application.Storage;

/// <summary>A record type kept in one container; the store key is (tenant, Container, Id).</summary>
public interface IStoredRecord
{
    static abstract string Container { get; }

    string Id { get; }

    /// <summary>Second level of the partition key (first is the tenant).</summary>
    string PartitionKey { get; }
}
