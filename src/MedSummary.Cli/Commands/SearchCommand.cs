using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MedSummary.Cli.Hosting;
using MedSummary.Qdrant.Client;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedSummary.Cli.Commands;

/// <summary>
/// `medsummary search "&lt;query&gt;"`: passages from every indexed dossier of a tenant, best first, each with its
/// citation (dossier, document, page, span, quote). Exit 0 (also when nothing is found), 2 for usage or
/// configuration errors, 3 when the store cannot be reached.
/// </summary>
public static class SearchCommand
{
    public const int ExitStoreUnavailable = 3;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = new Argument<string>("query") { Description = "What to look for, e.g. \"EGFR exon 19 deletion\"." };
        var tenant = new Option<string>("--tenant")
        {
            Description = "Whose dossiers to search. Default: local.",
            DefaultValueFactory = _ => "local",
        };
        var top = new Option<int>("--top")
        {
            Description = $"How many passages, 1 to {ChunkStoreGuards.MaxTop}. Default: 10.",
            DefaultValueFactory = _ => 10,
        };
        top.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > ChunkStoreGuards.MaxTop)
            {
                result.AddError($"--top must be between 1 and {ChunkStoreGuards.MaxTop}.");
            }
        });
        var dossiers = new Option<string[]>("--dossier")
        {
            Description = "Search only this dossier (repeat for several). Default: all of the tenant's.",
            AllowMultipleArgumentsPerToken = false,
        };
        var mode = new Option<string>("--mode")
        {
            Description = "hybrid (words and meaning, default), lexical (words) or dense (meaning).",
            DefaultValueFactory = _ => "hybrid",
        };
        mode.AcceptOnlyFromAmong("hybrid", "lexical", "dense");
        var format = new Option<string>("--format")
        {
            Description = "Output format: json or md. Default: json.",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "md");

        var store = StoreOption();

        var command = new Command(
            "search",
            "Find passages across a tenant's indexed dossiers, each with its citation. Writes the passages on stdout (json or md); "
            + $"reads the index that 'summarize --index' fills ({CliStore.PerUserPath()}), or the one --store or the configuration names.")
        {
            query, tenant, top, dossiers, mode, format, store,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var selected = parse.GetValue(dossiers);
            var request = new PassageSearchRequest(
                parse.GetValue(tenant) ?? "local",
                parse.GetValue(query) ?? string.Empty,
                parse.GetValue(top),
                selected is { Length: > 0 } ? selected : null,
                Enum.Parse<SearchMode>(parse.GetValue(mode) ?? "hybrid", ignoreCase: true));
            return RunAsync(
                context, request, parse.GetValue(format) ?? "json", parse.GetValue(store), parse.GetValue(context.ConfigOption),
                parse.GetValue(context.VerboseOption), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, PassageSearchRequest request, string format, string? storeOption, string? config, bool verbose,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Tenant))
        {
            context.Fail("--tenant", "the tenant is empty");
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

        if (store.OtherProvider is null && !File.Exists(store.Path))
        {
            // Not an error (the answer is simply empty), but a first-time user deserves to know why.
            context.Error.WriteLine($"medsummary: nothing is indexed in {store.Path} yet; 'medsummary summarize --index' adds dossiers to it.");
        }

        using (store)
        await using (services.ConfigureAwait(false))
        {
            PassageSearchResponse response;
            try
            {
                response = await services.GetRequiredService<CrossDossierSearch>().SearchAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (QdrantException ex)
            {
                context.Fail("store", ex.Message);
                return ExitStoreUnavailable;
            }
            catch (InvalidOperationException ex)
            {
                // A store made by another embedder, or a collection that does not exist: the message says which.
                context.Fail("store", ex.Message);
                return ExitStoreUnavailable;
            }

            var text = format == "md" ? Markdown(response) : JsonSerializer.Serialize(response, Json);
            await context.Output.WriteLineAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            return DossierCommand.ExitOk;
        }
    }

    /// <summary>--store for the commands that read the index (search, reindex): the per-user index by default.</summary>
    internal static Option<string?> StoreOption() => new("--store")
    {
        Description = $"The embedded chunk index file (or its folder). Default: {CliStore.PerUserPath()}, unless the configuration (MedSummary:Store) names one.",
    };

    /// <summary>The passages for a person: one numbered entry per passage with its citation and quote.</summary>
    internal static string Markdown(PassageSearchResponse response)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Search: {response.Query}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Tenant {response.Tenant}, {response.Mode} search: {response.Passages.Count} passages from {response.DossierCount} dossiers.\n");
        foreach (var passage in response.Passages)
        {
            var c = passage.Citation;
            var pages = passage.PageEnd > c.Page ? $"pp. {c.Page}–{passage.PageEnd}" : $"p. {c.Page}";
            var section = passage.Section is null ? string.Empty : $", section {passage.Section}";
            md.Append(CultureInfo.InvariantCulture,
                $"\n{passage.Rank}. **Dossier {passage.DossierId}**, {c.FileName} {pages}, characters {c.Start}–{c.End}{section} (score {passage.Score:0.####})\n");
            foreach (var line in c.Quote.Split('\n'))
            {
                md.Append("   > ").Append(line.TrimEnd('\r')).Append('\n');
            }
        }

        return md.ToString();
    }
}
