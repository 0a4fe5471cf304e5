namespace MedSummary.Bench;

/// <summary>
/// One benchmark: a name to run it by (`dotnet run --project eval/MedSummary.Bench -c Release -- NAME [args]`)
/// and a body that prints its figures. Benchmarks are found by reflection, so adding one is adding a class.
/// </summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
