using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MedSummary.Testing.Environment;

/// <summary>
/// On a test class: its tests need an environment variable (a server's address). Where the variable is not set,
/// tests marked <see cref="EnvironmentFactAttribute"/> or <see cref="EnvironmentTheoryAttribute"/> are reported as
/// skipped with "VARIABLE not set: REASON" instead of running; elsewhere they run as plain facts and theories.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequiresEnvironmentAttribute(string variable, string reason) : Attribute
{
    public string Variable { get; } = variable;

    public string Reason { get; } = reason;

    /// <summary>Why tests of this class cannot run here, or null when they can.</summary>
    internal static string? SkipReason(ITestMethod testMethod)
    {
        var attribute = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentAttribute)).FirstOrDefault();
        if (attribute is null)
        {
            return null;
        }

        var variable = attribute.GetConstructorArguments().ElementAt(0) as string ?? string.Empty;
        var reason = attribute.GetConstructorArguments().ElementAt(1) as string ?? string.Empty;
        return string.IsNullOrWhiteSpace(System.Environment.GetEnvironmentVariable(variable)) ? $"{variable} not set: {reason}" : null;
    }
}

/// <summary>A fact that a <see cref="RequiresEnvironmentAttribute"/> on its class can turn into a skip with a reason.</summary>
[XunitTestCaseDiscoverer("MedSummary.Testing.Environment.EnvironmentFactDiscoverer", "MedSummary.Testing")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class EnvironmentFactAttribute : FactAttribute;

/// <summary>A theory that a <see cref="RequiresEnvironmentAttribute"/> on its class can turn into a skip with a reason.</summary>
[XunitTestCaseDiscoverer("MedSummary.Testing.Environment.EnvironmentTheoryDiscoverer", "MedSummary.Testing")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class EnvironmentTheoryAttribute : TheoryAttribute;

public sealed class EnvironmentFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var skip = RequiresEnvironmentAttribute.SkipReason(testMethod);
        return skip is null
            ? base.Discover(discoveryOptions, testMethod, factAttribute)
            : [new SkippedTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip)];
    }
}

public sealed class EnvironmentTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        var skip = RequiresEnvironmentAttribute.SkipReason(testMethod);
        return skip is null
            ? base.Discover(discoveryOptions, testMethod, theoryAttribute)
            : [new SkippedTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip)];
    }
}

/// <summary>A test case that is only ever reported as skipped, with its reason (as xunit does for a skipped theory).</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string _reason = string.Empty;

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedTestCase()
    {
    }

    public SkippedTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, string reason)
        : base(sink, display, options, testMethod)
    {
        _reason = reason;
        SkipReason = reason;
    }

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("EnvironmentSkipReason", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("EnvironmentSkipReason");
        base.Deserialize(data);
        SkipReason = _reason;
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;
}
