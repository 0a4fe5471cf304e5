namespace MedSummary.Core.Errors;

/// <summary>Stable codes for inputs that cannot be read. They appear in CLI messages, API problems and results.</summary>
public static class InputErrorCodes
{
    public const string FileNotFound = "file_not_found";
    public const string Empty = "empty_file";
    public const string UnsupportedType = "unsupported_type";
    public const string CorruptPdf = "corrupt_pdf";
    public const string EncryptedPdf = "encrypted_pdf";
    public const string TooLarge = "too_large";
    public const string TooManyPages = "too_many_pages";
    public const string NoText = "no_text";
    public const string Timeout = "timeout";
    public const string Unreadable = "unreadable";

    /// <summary>The isolated PDF parser died on the file (a stack overflow on a reference cycle or deep recursion): it is built to break readers or badly damaged.</summary>
    public const string ParserCrashed = "parser_crashed";

    /// <summary>
    /// Scanned pages were left unread because OCR is enabled but its tools (tesseract, pdftoppm) or languages are not
    /// installed: a warning on a document whose other pages were read, or the refusal of a document that is all scans.
    /// </summary>
    public const string OcrUnavailable = "ocr_unavailable";
}

/// <summary>Thrown by readers when a document is refused; the message is one line, safe to show, free of document text.</summary>
public sealed class DocumentRejectedException : Exception
{
    public DocumentRejectedException(string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    public DocumentRejectedException()
        : this(InputErrorCodes.Unreadable, "The document could not be read.")
    {
    }

    public DocumentRejectedException(string message)
        : this(InputErrorCodes.Unreadable, message)
    {
    }

    public DocumentRejectedException(string message, Exception innerException)
        : this(InputErrorCodes.Unreadable, message, innerException)
    {
    }

    public string Code { get; }
}
