using System.Text.Json;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Api.Storage;

/// <summary>
/// How a read document is kept: its canonical text and its page table (number, span, size, text source). Enough to
/// rebuild a <see cref="SourceDocument"/> whose citations verify exactly as they did when the result was made
/// (glyph boxes are not kept: nothing served needs them).
/// </summary>
internal static class StoredDocuments
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string PagesJson(SourceDocument document) =>
        JsonSerializer.Serialize(document.Pages.Select(p => new StoredPage(p.Number, p.Span.Start, p.Span.End, p.Width, p.Height, p.Source.ToString())).ToList(), Json);

    public static SourceDocument Rebuild(string documentId, string fileName, string mediaType, string language, string text, string pagesJson)
    {
        var pages = JsonSerializer.Deserialize<List<StoredPage>>(pagesJson, Json)
            ?? throw new InvalidDataException("A stored document has no page table.");
        var map = new TextMap(text.Length, pages.Select(p => p.Start).ToList());
        var infos = pages
            .Select(p => new PageInfo(p.Number, new TextSpan(p.Start, p.End), p.Width, p.Height,
                Enum.TryParse<PageTextSource>(p.Source, out var source) ? source : PageTextSource.None))
            .ToList();
        return new SourceDocument(documentId, fileName, mediaType, text, map, infos, language);
    }

    private sealed record StoredPage(int Number, int Start, int End, double Width, double Height, string Source);
}
