using Microsoft.Extensions.Options;

namespace MedSummary.Ingestion.Ocr;

/// <summary>OCR of PDF pages that have no usable text layer (Tesseract, pages rendered by pdftoppm), bound from "MedSummary:Ocr".</summary>
public sealed class OcrOptions
{
    public const string SectionName = "MedSummary:Ocr";

    /// <summary>
    /// Read scanned pages with OCR. Default true; when the tools are missing the service then refuses to start with a
    /// message naming them, rather than reading scans as empty pages. False leaves such pages empty (a scan-only PDF
    /// is refused as no_text).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Refuse to start when OCR is enabled and a tool or language is missing. Default true: a service should not read
    /// scans as empty pages without its operator knowing. The command line sets it false: it runs anyway, reads text
    /// pages, and reports every scanned page it left unread (<c>ocr_unavailable</c>) in its output and exit code.
    /// </summary>
    public bool RequireTools { get; set; } = true;

    /// <summary>Tesseract languages, '+'-separated, each needing its traineddata installed. Default "fra+eng" (French and English dossiers).</summary>
    public string Languages { get; set; } = "fra+eng";

    /// <summary>
    /// Rendering resolution in dots per inch, and the most a page is rendered at. Default 300: Tesseract reads body
    /// text best near 300 dpi. A scanned page is rendered at its image's own resolution when that is lower (but not
    /// under <see cref="MinDpi"/>): rendering above it adds no detail, and costs about a third more time from 200 to
    /// 300 dpi. Pages with no image (vector text with a broken encoding) use this value. 70 to 600.
    /// </summary>
    public int Dpi { get; set; } = 300;

    /// <summary>
    /// The least resolution a scanned page is rendered at, however coarse its image: Tesseract needs letters of a
    /// certain size in pixels and reads low-resolution scans better enlarged. Default 200; 70 to <see cref="Dpi"/>.
    /// </summary>
    public int MinDpi { get; set; } = 200;

    /// <summary>
    /// Most pixels one rendered page may have; larger pages (posters, absurd page sizes) are rendered at a lower
    /// resolution. Default 40 000 000 (A3 at 400 dpi); 1 000 000 to 200 000 000.
    /// </summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>
    /// Pages read at once across all documents, each by one single-threaded Tesseract process. Default: the number of
    /// processors; 1 to 64.
    /// </summary>
    public int MaxParallelism { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 64);

    /// <summary>
    /// Most pages one Tesseract process reads. Default 8; 1 to 64; 1 starts a process for every page. A process spends
    /// about half a second of CPU loading two languages' models before its first page: grouping a document's pages
    /// (spread over <see cref="MaxParallelism"/> processes) pays that once a group. A group that fails is read again
    /// page by page, so a failure stays with its page.
    /// </summary>
    public int PagesPerProcess { get; set; } = 8;

    /// <summary>How long rendering plus recognising one page may take before that page is given up (left empty). Default 60 s; 1 s to 10 min.</summary>
    public TimeSpan PageTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Read a page again upside down when its recognition confidence is low, and keep the better reading. Default
    /// true. Pages turned a quarter are read by Tesseract's own layout analysis; upside-down ones need this second pass.
    /// </summary>
    public bool DetectOrientation { get; set; } = true;

    /// <summary>
    /// Remove specks (dust, fax line noise: tiny dark blobs with no ink around them) before recognition, which
    /// Tesseract otherwise reads as punctuation glued to words ("-positive"). Default true; costs tens of milliseconds a page.
    /// </summary>
    public bool Despeckle { get; set; } = true;

    /// <summary>Mean word confidence (0-100) under which a page is read again upside down. Default 70; 0 to 100.</summary>
    public double UprightConfidence { get; set; } = 70;

    /// <summary>
    /// Words recognised with a confidence below this (0-100) are dropped when they hold no letter or digit (specks of
    /// noise read as punctuation). Default 50; 0 to 100.
    /// </summary>
    public double MinSymbolConfidence { get; set; } = 50;

    /// <summary>The tesseract program: a name looked up on PATH or a full path. Default "tesseract".</summary>
    public string TesseractPath { get; set; } = "tesseract";

    /// <summary>The pdftoppm program (poppler-utils): a name looked up on PATH or a full path. Default "pdftoppm".</summary>
    public string PdftoppmPath { get; set; } = "pdftoppm";

    /// <summary>Where Tesseract's traineddata files are; default null: Tesseract's own default (TESSDATA_PREFIX or its install).</summary>
    public string? TessdataPath { get; set; }

    /// <summary>
    /// Where OCR writes the PDF it renders pages from, in a private folder per document removed afterwards. Default
    /// null: the system's temporary folder (TMPDIR), in a folder named after the process so that the next command
    /// removes it if this one is killed. The service sets it to its data folder's work folder. Point it at an
    /// encrypted volume where the policy asks for one.
    /// </summary>
    public string? TempPath { get; set; }

    /// <summary>
    /// Address-space limit of each pdftoppm or tesseract process in MiB, applied with prlimit when it is installed.
    /// Default 2048; 0 for none; up to 65536. A page built to exhaust memory then fails alone.
    /// </summary>
    public int ToolMemoryLimitMiB { get; set; } = 2048;

    /// <summary>The language codes of <see cref="Languages"/>.</summary>
    public IReadOnlyList<string> LanguageList =>
        (Languages ?? "").Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every problem with these values, empty when they are valid (whether the tools exist is checked at start).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (LanguageList.Count == 0 || LanguageList.Any(l => !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            errors.Add($"{nameof(Languages)} must be Tesseract language codes joined by '+', such as \"fra+eng\" (was \"{Languages}\").");
        }

        if (Dpi is < 70 or > 600)
        {
            errors.Add($"{nameof(Dpi)} must be between 70 and 600 (was {Dpi}).");
        }

        if (MinDpi < 70 || MinDpi > Dpi)
        {
            errors.Add($"{nameof(MinDpi)} must be between 70 and {nameof(Dpi)} ({Dpi}) (was {MinDpi}).");
        }

        if (MaxPixels is < 1_000_000 or > 200_000_000)
        {
            errors.Add($"{nameof(MaxPixels)} must be between 1000000 and 200000000 (was {MaxPixels}).");
        }

        if (MaxParallelism is < 1 or > 64)
        {
            errors.Add($"{nameof(MaxParallelism)} must be between 1 and 64 (was {MaxParallelism}).");
        }

        if (PagesPerProcess is < 1 or > 64)
        {
            errors.Add($"{nameof(PagesPerProcess)} must be between 1 and 64 (was {PagesPerProcess}).");
        }

        if (PageTimeout < TimeSpan.FromSeconds(1) || PageTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{nameof(PageTimeout)} must be between 1 second and 10 minutes (was {PageTimeout}).");
        }

        if (UprightConfidence is < 0 or > 100 || double.IsNaN(UprightConfidence))
        {
            errors.Add($"{nameof(UprightConfidence)} must be between 0 and 100 (was {UprightConfidence}).");
        }

        if (MinSymbolConfidence is < 0 or > 100 || double.IsNaN(MinSymbolConfidence))
        {
            errors.Add($"{nameof(MinSymbolConfidence)} must be between 0 and 100 (was {MinSymbolConfidence}).");
        }

        if (string.IsNullOrWhiteSpace(TesseractPath))
        {
            errors.Add($"{nameof(TesseractPath)} is required.");
        }

        if (string.IsNullOrWhiteSpace(PdftoppmPath))
        {
            errors.Add($"{nameof(PdftoppmPath)} is required.");
        }

        if (ToolMemoryLimitMiB is < 0 or > 65536)
        {
            errors.Add($"{nameof(ToolMemoryLimitMiB)} must be between 0 and 65536 (was {ToolMemoryLimitMiB}).");
        }

        return errors;
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem when the values are not valid.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(SectionName, typeof(OcrOptions), errors);
        }
    }
}

/// <summary>
/// Validates <see cref="OcrOptions"/> at start: the values, and when OCR is enabled and its tools required, that pdftoppm,
/// tesseract and the configured languages are installed (the message names what is missing and how to install it or turn OCR off).
/// </summary>
internal sealed class OcrOptionsValidator : IValidateOptions<OcrOptions>
{
    public ValidateOptionsResult Validate(string? name, OcrOptions options)
    {
        var errors = options.Validate().ToList();
        if (errors.Count == 0 && options.Enabled && options.RequireTools && OcrTools.Probe(options) is { Available: false, Problem: { } problem })
        {
            errors.Add(problem);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
