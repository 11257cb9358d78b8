namespace EdTech.Application.Common;

/// <summary>What a use case returns: a value (and whether it was newly created) or a problem.</summary>
public sealed record Outcome<T>(T? Value, Problem? Problem, bool Created = false)
{
    public bool IsSuccess => Problem is null;

    public static implicit operator Outcome<T>(Problem problem) => new(default, problem);

    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> New(T value) => new(value, null, Created: true);
}
