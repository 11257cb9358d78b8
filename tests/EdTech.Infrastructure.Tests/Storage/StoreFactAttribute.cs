using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EdTech.Infrastructure.Tests.Storage;

/// <summary>
/// A contract test that an adapter's test class may skip with a reason: the class declares
/// <c>public static string? SkipReason(string testName)</c> (null: run). Used where an adapter's backend
/// cannot serve a test (a stand-in without a feature) or is not running.
/// </summary>
[XunitTestCaseDiscoverer("EdTech.Infrastructure.Tests.Storage.StoreFactDiscoverer", "EdTech.Infrastructure.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>The theory form of <see cref="StoreFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("EdTech.Infrastructure.Tests.Storage.StoreTheoryDiscoverer", "EdTech.Infrastructure.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreTheoryAttribute : TheoryAttribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        StoreSkips.For(testMethod) is { } reason
            ? [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}

public sealed class StoreTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        StoreSkips.For(testMethod) is { } reason
            ? [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}

internal static class StoreSkips
{
    public static string? For(ITestMethod testMethod)
    {
        var type = testMethod.TestClass.Class.ToRuntimeType();
        var method = type?.GetMethod("SkipReason", BindingFlags.Public | BindingFlags.Static, [typeof(string)]);
        return method?.Invoke(null, [testMethod.Method.Name]) as string;
    }
}
