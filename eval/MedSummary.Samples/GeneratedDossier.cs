using MedSummary.Core.Gold;
using MedSummary.Samples.Pdf;

namespace MedSummary.Samples;

/// <summary>
/// One generated file: its name in the dossier folder, its bytes, and what was drawn on each page (body text in
/// reading order and the running header/footer lines apart), which tests can compare with what a reader extracts.
/// </summary>
public sealed record GeneratedFile(string FileName, string MediaType, byte[] Content, IReadOnlyList<RenderedPage> Pages)
{
    public const string PdfMediaType = "application/pdf";
    public const string TextMediaType = "text/plain";

    public int PageCount => Pages.Count;

    public bool IsPdf => MediaType == PdfMediaType;

    /// <summary>Document kind (<see cref="GoldDocumentKinds"/>).</summary>
    public string Kind { get; init; } = "";

    /// <summary>Layout features of this file, for tests and reports.</summary>
    public bool TwoColumns { get; init; }

    public bool RunningHeaders { get; init; }

    public bool Noisy { get; init; }

    /// <summary>How the file is scanned when written; null for a text file. <see cref="Content"/> holds the text PDF until <see cref="SampleScans.Apply"/>.</summary>
    public SampleScan? Scan { get; init; }
}

/// <summary>A generated dossier: its folder name, its files and the truth that goes with them.</summary>
public sealed record GeneratedDossier(string Name, IReadOnlyList<GeneratedFile> Files, GoldTruth Truth)
{
    public int PageCount => Files.Sum(f => f.PageCount);

    public long ByteCount => Files.Sum(f => (long)f.Content.Length);

    /// <summary>Writes the files and truth.json into <paramref name="directory"/>/<see cref="Name"/> (replacing that folder).</summary>
    public string WriteTo(string directory) => GoldSetWriter.WriteDossier(this, directory);
}
