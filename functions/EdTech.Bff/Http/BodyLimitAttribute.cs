namespace EdTech.Bff.Http;

/// <summary>The largest body a <see cref="Json{T}"/> parameter accepts, when it is not <see cref="JsonBody.DefaultMaxBytes"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class BodyLimitAttribute(int bytes) : Attribute
{
    public int Bytes { get; } = bytes;
}

/// <summary>A <see cref="Json{T}"/> parameter that also accepts <see cref="JsonBody.MergePatch"/> (a PATCH body).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class MergePatchAttribute : Attribute;
