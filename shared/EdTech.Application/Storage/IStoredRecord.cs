namespace EdTech.Application.Storage;

/// <summary>A record type kept in one container; the store key is (tenant, Container, Id).</summary>
public interface IStoredRecord
{
    static abstract string Container { get; }

    /// <summary>
    /// The partition of the record with this id, when the id alone determines it (e.g. records partitioned by
    /// their own id, or ids built as "{courseId}:..."): then a get by id is a point read. Null: unknown from the id.
    /// </summary>
    static virtual string? PartitionOf(string id) => null;

    string Id { get; }

    /// <summary>Second level of the partition key (first is the tenant).</summary>
    string PartitionKey { get; }
}
