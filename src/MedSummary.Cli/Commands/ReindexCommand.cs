using System.CommandLine;
using System.Globalization;
using MedSummary.Cli.Hosting;
using MedSummary.Qdrant.Client;
using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Stores.Reindexing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedSummary.Cli.Commands;

/// <summary>
/// `medsummary reindex --from embedded --to qdrant`: copies every chunk and its vector from one configured store
/// into another (no re-embedding), tenant by tenant, creating the target with the source's dimension and embedder.
/// Re-running it is safe. Exit 0, 1 when the stores refuse (source empty, target of another embedder), 2 for
/// usage or configuration errors, 3 when a store cannot be reached.
/// </summary>
public static class ReindexCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var from = new Option<string>("--from")
        {
            Description = "The store to read: embedded (default) or qdrant.",
            DefaultValueFactory = _ => StoreOptions.EmbeddedProvider,
        };
        var to = new Option<string>("--to")
        {
            Description = "The store to fill: qdrant (default) or embedded.",
            DefaultValueFactory = _ => "qdrant",
        };
        var tenants = new Option<string[]>("--tenant") { Description = "Copy only this tenant (repeat for several). Default: every tenant." };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Chunks per upsert. Default: 256.",
            DefaultValueFactory = _ => ChunkStoreReindexer.DefaultBatchSize,
        };
        batchSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 4096)
            {
                result.AddError("--batch-size must be between 1 and 4096.");
            }
        });
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr." };

        var store = SearchCommand.StoreOption();

        var command = new Command(
            "reindex",
            "Copy every indexed chunk from one store into another (e.g. the embedded file into Qdrant). Writes the count per tenant on "
            + "stdout and the chunks into the --to store; the embedded store is the --store file.")
        {
            from, to, tenants, batchSize, quiet, store,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(tenants);
            return RunAsync(
                context,
                (parse.GetValue(from) ?? string.Empty).Trim().ToLowerInvariant(),
                (parse.GetValue(to) ?? string.Empty).Trim().ToLowerInvariant(),
                chosen is { Length: > 0 } ? chosen : null,
                parse.GetValue(batchSize),
                parse.GetValue(quiet),
                parse.GetValue(store),
                parse.GetValue(context.ConfigOption),
                parse.GetValue(context.VerboseOption),
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, string from, string to, IReadOnlyList<string>? tenants, int batchSize, bool quiet, string? storeOption, string? config, bool verbose,
        CancellationToken cancellationToken)
    {
        if (from == to)
        {
            context.Fail("reindex", $"--from and --to are both '{from}'");
            return DossierCommand.ExitUsage;
        }

        ServiceProvider services;
        CliStore store;
        try
        {
            (services, store) = CliServices.Build(config, storeOption, StoreDefault.PerUser, context.Error, verbose ? LogLevel.Information : LogLevel.Warning);
        }
        catch (CliUsageException ex)
        {
            context.Fail(ex.Message.StartsWith("--store", StringComparison.Ordinal) ? "--store" : "config", ex.Message.StartsWith("--store: ", StringComparison.Ordinal) ? ex.Message[9..] : ex.Message);
            return DossierCommand.ExitUsage;
        }

        using (store)
        await using (services.ConfigureAwait(false))
        {
            var keyed = services.GetRequiredService<IServiceProviderIsKeyedService>();
            foreach (var (option, key) in new[] { ("--from", from), ("--to", to) })
            {
                if (!keyed.IsKeyedService(typeof(IChunkStore), key))
                {
                    context.Fail(option, $"no chunk store is registered as '{key}' (known: embedded, qdrant)");
                    return DossierCommand.ExitUsage;
                }
            }

            var source = services.GetRequiredKeyedService<IChunkStore>(from);
            var target = services.GetRequiredKeyedService<IChunkStore>(to);
            var progress = quiet ? null : new Progress(context.Error);
            try
            {
                var report = await services.GetRequiredService<ChunkStoreReindexer>()
                    .CopyAsync(source, target, tenants, batchSize, progress, cancellationToken)
                    .ConfigureAwait(false);
                foreach (var (tenant, count) in report.CopiedByTenant)
                {
                    await context.Output.WriteLineAsync($"{tenant}\t{count.ToString(CultureInfo.InvariantCulture)}".AsMemory(), cancellationToken).ConfigureAwait(false);
                }

                var summary = $"Re-indexed {report.Copied.ToString(CultureInfo.InvariantCulture)} chunks from {from} into {to} "
                    + $"({report.Descriptor.Dimension.ToString(CultureInfo.InvariantCulture)}-dimension vectors of '{report.Descriptor.EmbedderId}').";
                await context.Output.WriteLineAsync(summary.AsMemory(), cancellationToken).ConfigureAwait(false);
                return DossierCommand.ExitOk;
            }
            catch (QdrantException ex)
            {
                context.Fail("store", ex.Message);
                return SearchCommand.ExitStoreUnavailable;
            }
            catch (InvalidOperationException ex)
            {
                context.Fail("reindex", ex.Message);
                return DossierCommand.ExitSomeInputsUnreadable;
            }
        }
    }

    private sealed class Progress(TextWriter error) : IProgress<ReindexProgress>
    {
        public void Report(ReindexProgress value)
        {
            lock (error)
            {
                error.WriteLine($"[reindex] {value.Copied.ToString(CultureInfo.InvariantCulture)} chunks copied (tenant {value.Tenant})");
            }
        }
    }
}
