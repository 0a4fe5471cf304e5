namespace MedSummary.Extraction.Grounding;

/// <summary>
/// Why a model could not be loaded or answer, in words a reader of the form understands. The exception itself goes
/// to the operator's log; a field's reason never names .NET types (they mean nothing to a clinician and say more
/// about the service than a patient's report should).
/// </summary>
public static class ModelFailure
{
    public static string Describe(Exception error) => error switch
    {
        null => "an unknown error",
        TimeoutException or OperationCanceledException => "it did not answer in time",
        FileNotFoundException or DirectoryNotFoundException => "its model file was not found",
        UnauthorizedAccessException => "its model file could not be read (permissions)",
        IOException => "its model file could not be read",
        HttpRequestException => "its server could not be reached",
        InvalidDataException or FormatException => "its model file is not a valid model",
        NotSupportedException => "the model does not support what was asked",

        // Engines wrap the cause in their own exception type (llama.cpp's load failure wraps the file's format error).
        { InnerException: { } inner } => Describe(inner),
        _ => "an internal error (see the service log)",
    };
}
