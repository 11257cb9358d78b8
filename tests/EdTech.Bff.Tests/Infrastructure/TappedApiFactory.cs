using Microsoft.AspNetCore.Hosting;

namespace EdTech.Bff.Tests.Infrastructure;

/// <summary>The LocalHost with a <see cref="WriteTap"/> under the erasure guard, and erased ids re-creatable at once (no quarantine).</summary>
public sealed class TappedApiFactory : ApiFactory
{
    private WriteTap? _tap;

    public TappedApiFactory() => StoreDecorator = inner => _tap = new WriteTap(inner);

    public WriteTap Tap
    {
        get
        {
            _ = Services; // builds the host, and so the tap
            return _tap!;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Privacy:RecreateErasedAfterSeconds", "0");
    }
}
