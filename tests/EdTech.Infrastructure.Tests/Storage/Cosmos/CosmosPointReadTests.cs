using System.Collections.Concurrent;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Cosmos;
using Microsoft.Azure.Cosmos;

namespace EdTech.Infrastructure.Tests.Storage.Cosmos;

/// <summary>
/// Gets that know the partition are point reads (GET of one item by id and full key), not queries: a handler
/// in the client's pipeline sees every item request the adapter sends to the stand-in.
/// </summary>
public sealed class CosmosPointReadTests
{
    private readonly TenantId _tenant = new("t-" + Guid.NewGuid().ToString("n")[..16]);

    public static string? SkipReason(string testName) => CosmosStandIn.SkipReason;

    [StoreFact]
    public async Task GetWithPartition_SendsOnePointReadAndNoQuery()
    {
        var (store, recorder, client) = await OpenAsync();
        using var _ = client;
        await store.CreateAsync(_tenant, Containers.Submissions, "s1", "course-1", """{"status":"accepted"}""");
        recorder.Clear();

        var found = await store.GetAsync(_tenant, Containers.Submissions, "s1", "course-1");
        var missing = await store.GetAsync(_tenant, Containers.Submissions, "s2", "course-1");

        Assert.Equal("""{"status":"accepted"}""", found!.Json);
        Assert.Null(missing);
        Assert.Equal(["GET docs/s1", "GET docs/s2"], recorder.Requests);
    }

    [StoreFact]
    public async Task TypedGet_OfARecordWhoseIdNamesItsPartition_IsAPointRead()
    {
        var (store, recorder, client) = await OpenAsync();
        using var _ = client;
        var enrollment = new EnrollmentRecord(EnrollmentRecord.IdFor("course-1", "u1"), "course-1", "u1", "student", DateTimeOffset.UnixEpoch);
        await store.CreateAsync(_tenant, enrollment);
        recorder.Clear();

        var found = await store.GetAsync<EnrollmentRecord>(_tenant, enrollment.Id);

        Assert.Equal(enrollment, found!.Value);
        Assert.Equal([$"GET docs/{enrollment.Id}"], recorder.Requests);
    }

    [StoreFact]
    public async Task GetWithoutPartition_IsAQueryOnTheTenantPrefix()
    {
        var (store, recorder, client) = await OpenAsync();
        using var _ = client;
        await store.CreateAsync(_tenant, Containers.Submissions, "s1", "course-1", """{"status":"accepted"}""");
        recorder.Clear();

        Assert.NotNull(await store.GetAsync(_tenant, Containers.Submissions, "s1"));

        Assert.Equal(["QUERY"], recorder.Requests.Distinct());
    }

    private async Task<(CosmosDocumentStore Store, RecordingHandler Recorder, CosmosClient Client)> OpenAsync()
    {
        await CosmosStandIn.ClientAsync();
        var recorder = new RecordingHandler();
        var client = CosmosClients.Create(CosmosStandIn.Options, o => o.CustomHandlers.Add(recorder));
        return (new CosmosDocumentStore(client, CosmosStandIn.Options), recorder, client);
    }

    /// <summary>Records item requests as "GET docs/{id}" (point read), "POST" (create) or "QUERY" (a POST flagged as a query).</summary>
    private sealed class RecordingHandler : RequestHandler
    {
        private readonly ConcurrentQueue<string> _requests = new();

        public IReadOnlyList<string> Requests => [.. _requests];

        public void Clear() => _requests.Clear();

        public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
        {
            // Item requests address a collection: "dbs/{db}/colls/{coll}" (create, query) or ".../docs/{id}".
            var path = request.RequestUri.OriginalString.Trim('/').Split('/');
            if (path.Length >= 4 && path[2] == "colls")
            {
                var isQuery = request.Headers["x-ms-documentdb-isquery"] is { } flag && bool.TryParse(flag, out var q) && q;
                var item = string.Join('/', path[4..]);
                _requests.Enqueue(isQuery ? "QUERY" : $"{request.Method.Method} {item}".TrimEnd());
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
