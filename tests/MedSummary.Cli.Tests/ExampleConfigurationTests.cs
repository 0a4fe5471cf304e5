using MedSummary.Cli.Commands;
using MedSummary.Core.Contract;
using MedSummary.Testing;
using Shouldly;
using Xunit;

namespace MedSummary.Cli.Tests;

/// <summary>medsummary.example.json read by the command line's --config, as the README shows.</summary>
public sealed class ExampleConfigurationTests
{
    [Fact]
    public async Task Extract_runs_with_the_example_configuration()
    {
        using var cli = new CliProcess();
        var example = Path.Combine(RepoPaths.Root, "medsummary.example.json");

        var (code, output, error) = await cli.RunAsync("extract", Path.Combine(RepoPaths.Samples, "lung-en"), "--config", example, "-q");

        code.ShouldBe(DossierCommand.ExitOk, error);
        ContractJson.Deserialize(output).Processing.ShouldNotBeNull().Mode.ShouldBe("rules");

        // The example's data folder is the service's; the command line leaves nothing in the folder it runs from.
        Directory.EnumerateFileSystemEntries(cli.WorkingFolder).ShouldBeEmpty();
    }
}
