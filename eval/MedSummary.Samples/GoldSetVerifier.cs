using System.Text;
using MedSummary.Core.Gold;
using MedSummary.Samples.Pdf;

namespace MedSummary.Samples;

/// <summary>One quote of a truth that is not where the truth says.</summary>
public sealed record QuoteProblem(string Dossier, string Where, GoldQuote Quote, string Reason);

/// <summary>
/// Checks a gold set, generated or hand-written: truth files load and validate, and every quote occurs in its
/// file (on its page when one is given), reading PDFs back with PdfPig and text files as UTF-8.
/// </summary>
public static class GoldSetVerifier
{
    public static async Task<IReadOnlyList<QuoteProblem>> VerifyAsync(string root, CancellationToken cancellationToken = default)
    {
        var problems = new List<QuoteProblem>();
        foreach (var dossier in await GoldSet.LoadAsync(root, cancellationToken).ConfigureAwait(false))
        {
            // A scan has no text layer to look quotes up in; its quotes are checked on the text it was printed from
            // when the generator makes it (the sample tests).
            problems.AddRange(VerifyDossier(dossier.Name, dossier.Truth, name => File.ReadAllBytes(Path.Combine(dossier.Directory, name)), includeScanned: false));
        }

        return problems;
    }

    /// <summary>Checks one truth against its files' bytes (given by name).</summary>
    /// <param name="dossier">The dossier's name, for the problems.</param>
    /// <param name="truth">Its truth.</param>
    /// <param name="readFile">A file's bytes by name.</param>
    /// <param name="includeScanned">Also check quotes in files the truth marks scanned (false when the bytes are the scans themselves).</param>
    public static IReadOnlyList<QuoteProblem> VerifyDossier(string dossier, GoldTruth truth, Func<string, byte[]> readFile, bool includeScanned = true)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(readFile);
        var pagesByFile = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var problems = new List<QuoteProblem>();
        var scanned = truth.Files.Where(f => f.Scanned == true).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (where, quote) in AllQuotes(truth))
        {
            if (!includeScanned && scanned.Contains(quote.File))
            {
                continue;
            }

            if (!pagesByFile.TryGetValue(quote.File, out var pages))
            {
                pages = ReadPages(quote.File, readFile(quote.File));
                pagesByFile[quote.File] = pages;
            }

            if (quote.Page is { } page)
            {
                if (page > pages.Count)
                {
                    problems.Add(new QuoteProblem(dossier, where, quote, $"page {page} beyond the file's {pages.Count} page(s)"));
                }
                else if (!GoldText.Contains(pages[page - 1], quote.Text))
                {
                    problems.Add(new QuoteProblem(dossier, where, quote, "not found on the stated page"));
                }
            }
            else if (!pages.Any(p => GoldText.Contains(p, quote.Text)))
            {
                problems.Add(new QuoteProblem(dossier, where, quote, "not found in the file"));
            }
        }

        return problems;
    }

    /// <summary>Every quote of a truth with a readable location ("fields.histology", "alerts[0]"...).</summary>
    public static IEnumerable<(string Where, GoldQuote Quote)> AllQuotes(GoldTruth truth)
    {
        foreach (var (key, field) in truth.Fields)
        {
            foreach (var q in field.Quotes)
            {
                yield return ($"fields.{key}", q);
            }
        }

        for (var i = 0; i < truth.Treatments.Count; i++)
        {
            foreach (var q in truth.Treatments[i].Quotes)
            {
                yield return ($"treatments[{i}]", q);
            }
        }

        for (var i = 0; i < truth.Toxicities.Count; i++)
        {
            foreach (var q in truth.Toxicities[i].Quotes)
            {
                yield return ($"toxicities[{i}]", q);
            }
        }

        for (var i = 0; i < truth.Alerts.Count; i++)
        {
            foreach (var q in truth.Alerts[i].Quotes)
            {
                yield return ($"alerts[{i}]", q);
            }
        }

        for (var i = 0; i < truth.Timeline.Count; i++)
        {
            foreach (var q in truth.Timeline[i].Quotes)
            {
                yield return ($"timeline[{i}]", q);
            }
        }
    }

    /// <summary>A file's text per page: PDF pages read back with PdfPig, a text file as one page.</summary>
    public static IReadOnlyList<string> ReadPages(string fileName, byte[] content) =>
        content.AsSpan().StartsWith("%PDF"u8)
            ? PdfTextReader.ReadPages(content)
            : [new UTF8Encoding(false).GetString(content)];
}
