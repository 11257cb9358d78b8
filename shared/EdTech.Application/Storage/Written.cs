namespace EdTech.Application.Storage;

/// <summary>Turns a lost optimistic-concurrency race into an exception, so the caller's retry (change-feed redelivery, activity retry) runs again.</summary>
public static class Written
{
    public static void Ensure<T>((WriteStatus Status, Versioned<T>? Stored) result)
    {
        if (result.Status == WriteStatus.PreconditionFailed)
        {
            throw new ConcurrencyConflictException($"A concurrent write changed the {typeof(T).Name}; retry.");
        }
    }
}

public sealed class ConcurrencyConflictException(string message) : Exception(message);
