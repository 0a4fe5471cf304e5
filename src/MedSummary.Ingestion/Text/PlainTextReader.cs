using System.Text;
using MedSummary.Core.Documents;
using MedSummary.Core.Errors;
using MedSummary.Core.Provenance;
using MedSummary.Ingestion.Language;

namespace MedSummary.Ingestion.Text;

/// <summary>
/// Reads plain-text files (UTF-8 with or without BOM, UTF-16 with BOM, otherwise Windows-1252/Latin-1).
/// Line endings become "\n"; a form feed separates pages (it is replaced by the "\n\n" page separator that the PDF
/// reader also uses, belonging to the page it ends). Other control characters become spaces. No boxes.
/// </summary>
public sealed class PlainTextReader : IDocumentReader
{
    public const string MediaType = "text/plain";

    public bool CanRead(ReadOnlySpan<byte> content) => !content.IsEmpty && TextDecoding.LooksLikeText(content);

    public Task<SourceDocument> ReadAsync(InputFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Content.IsEmpty)
        {
            throw new DocumentRejectedException(InputErrorCodes.Empty, $"{file.FileName}: the file is empty.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var (raw, _) = TextDecoding.Decode(file.Content.Span);
        var text = new StringBuilder(raw.Length);
        var pageStarts = new List<int> { 0 };
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            switch (c)
            {
                case '\r':
                    text.Append('\n');
                    if (i + 1 < raw.Length && raw[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\f':
                    if (i + 1 < raw.Length)
                    {
                        text.Append("\n\n");
                        pageStarts.Add(text.Length);
                    }

                    break;
                case '\n' or '\t':
                    text.Append(c);
                    break;
                default:
                    text.Append(char.IsControl(c) || c == '\uFEFF' ? ' ' : c);
                    break;
            }
        }

        var canonical = text.ToString();
        if (string.IsNullOrWhiteSpace(canonical))
        {
            throw new DocumentRejectedException(InputErrorCodes.NoText, $"{file.FileName}: the text file holds only white space.");
        }

        var map = new TextMap(canonical.Length, pageStarts);
        var pages = Enumerable.Range(1, pageStarts.Count)
            .Select(n => new PageInfo(n, map.PageSpan(n), 0, 0, PageTextSource.PlainText))
            .ToList();
        return Task.FromResult(new SourceDocument(
            DocumentIds.Sha256Hex(file.Content.Span),
            file.FileName,
            MediaType,
            canonical,
            map,
            pages,
            LanguageDetector.Detect(canonical)));
    }
}
