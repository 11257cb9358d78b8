using EdTech.Application.Telemetry;

namespace EdTech.Bff.Tests.Telemetry;

/// <summary>The cardinality rule: the tenant dimension keeps at most Telemetry:MaxTenantTags values per process.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TenantTagTests
{
    [Fact]
    public void ValueOf_BeyondTheLimit_IsOtherWhileKnownTenantsKeepTheirs()
    {
        var limit = TenantTag.Limit;
        try
        {
            // Room for this test's first tenant, whatever the rest of the run has already counted (the set is per process).
            TenantTag.Limit = int.MaxValue;
            var first = "tag-" + Guid.NewGuid().ToString("n");
            Assert.Equal(first, TenantTag.ValueOf(first));
            TenantTag.Limit = 0;

            Assert.Equal(TenantTag.Other, TenantTag.ValueOf("tag-" + Guid.NewGuid().ToString("n")));
            Assert.Equal(first, TenantTag.ValueOf(first));
        }
        finally
        {
            TenantTag.Limit = limit;
        }
    }
}
