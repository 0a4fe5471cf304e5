using System.Security.Cryptography;
using System.Text;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Testing.Documents;

/// <summary>
/// Builds in-memory <see cref="SourceDocument"/>s from strings, the way a plain-text or text-layer reader would:
/// pages joined by a blank line, one page entry per string, a content-derived id.
/// </summary>
public static class TestDocuments
{
    /// <summary>The text placed between two pages; it belongs to the earlier page.</summary>
    public const string PageSeparator = "\n\n";

    /// <summary>A one-page document.</summary>
    public static SourceDocument FromText(string text, string language = "en", string? fileName = null) =>
        Create([text], language, fileName);

    /// <summary>A document with one page per string (English).</summary>
    public static SourceDocument FromPages(params string[] pages) => Create(pages, "en", null);

    /// <summary>A document with one page per string in the given language ("fr", "en", "und").</summary>
    public static SourceDocument Create(IReadOnlyList<string> pages, string language, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(pages);
        if (pages.Count == 0)
        {
            throw new ArgumentException("A document has at least one page.", nameof(pages));
        }

        var text = new StringBuilder();
        var starts = new List<int>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            starts.Add(text.Length);
            text.Append(pages[i]);
            if (i < pages.Count - 1)
            {
                text.Append(PageSeparator);
            }
        }

        var canonical = text.ToString();
        var map = new TextMap(canonical.Length, starts);
        var infos = new List<PageInfo>(pages.Count);
        for (var page = 1; page <= pages.Count; page++)
        {
            infos.Add(new PageInfo(page, map.PageSpan(page), 595, 842, PageTextSource.PlainText));
        }

        // Language takes part in the id so that the same text read as French and as English are two documents.
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(language + "\u0000" + canonical)));
        return new SourceDocument(
            sha,
            fileName ?? $"doc-{sha[..8]}.txt",
            pages.Count == 1 ? "text/plain" : "application/pdf",
            canonical,
            map,
            infos,
            language);
    }
}
