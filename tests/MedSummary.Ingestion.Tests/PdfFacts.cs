using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Ingestion.Pdf;
using UglyToad.PdfPig;

namespace MedSummary.Ingestion.Tests;

/// <summary>Helpers shared by the PDF tests: reading through the real reader and looking at PdfPig's raw letters.</summary>
internal static class PdfFacts
{
    public static Task<SourceDocument> ReadAsync(byte[] pdf, string name = "test.pdf") =>
        new PdfDocumentReader().ReadAsync(new InputFile(name, pdf), CancellationToken.None);

    /// <summary>The canonical text split on white space: what a reader of the document would read, word by word.</summary>
    public static string[] Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Every non-blank letter PdfPig sees on each page: its box and text.</summary>
    public static IReadOnlyList<List<(BoundingBox Box, string Value)>> RawLetters(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages()
            .Select(p => p.Letters
                .Where(l => !string.IsNullOrWhiteSpace(l.Value))
                .Select(l => (new BoundingBox(l.BoundingBox.Left, l.BoundingBox.Bottom, l.BoundingBox.Right, l.BoundingBox.Top), l.Value))
                .ToList())
            .ToList();
    }

    /// <summary>The offset of the only occurrence of <paramref name="word"/> in the text; fails when absent or repeated.</summary>
    public static int SingleIndexOf(string text, string word)
    {
        var first = text.IndexOf(word, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(word, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"'{word}' must occur exactly once in the text.");
        }

        return first;
    }
}
