using System.Net;
using EdTech.Application.ChangeFeed;
using Microsoft.Azure.Cosmos;

namespace EdTech.Infrastructure.Cosmos;

/// <summary>
/// Cosmos DB failures that pass by themselves: 429 (throttled: the RU/s ceiling at the exam peak), 408 (timeout),
/// 503 (unavailable), 410 (gone: partition moved), 449 (retry with) and 500 from the gateway. Never poisoned.
/// </summary>
public sealed class CosmosTransientFailures : ITransientFailures
{
    public bool IsTransient(Exception exception) =>
        exception is CosmosException { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.Gone or HttpStatusCode.InternalServerError or (HttpStatusCode)449 };
}
