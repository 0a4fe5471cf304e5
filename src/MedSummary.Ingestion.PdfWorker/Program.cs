using MedSummary.Core.Errors;
using MedSummary.Ingestion.Pdf;
using MedSummary.Ingestion.Pdf.Isolation;

// The PDF worker: reads requests from standard input and answers on standard output until the input closes.
// It holds no state between documents; when a document crashes or hangs it, the parent kills it and starts another.
var input = Console.OpenStandardInput();
var output = Console.OpenStandardOutput();

// Only protocol frames may reach standard output: anything a library prints goes to standard error instead.
Console.SetOut(Console.Error);

while (WorkerProtocol.ReadRequest(input) is { } request)
{
    var exit = false;
    WorkerResponse response;
    try
    {
        response = new WorkerResponse(PdfPageExtractor.Extract(request.FileName, request.Pdf, request.Limits, CancellationToken.None), null, null);
    }
    catch (DocumentRejectedException e)
    {
        response = new WorkerResponse(null, e.Code, e.Message);
    }
    catch (OutOfMemoryException)
    {
        // The heap may be left fragmented near its limit: answer, then make room for a fresh worker.
        response = new WorkerResponse(null, InputErrorCodes.TooLarge, $"{request.FileName}: reading the PDF needs more memory than allowed.");
        exit = true;
    }
    catch (Exception e)
    {
        response = new WorkerResponse(null, InputErrorCodes.CorruptPdf, PdfPageExtractor.Corrupt(request.FileName, e).Message);
    }

    WorkerProtocol.WriteResponse(output, response);
    if (exit)
    {
        return 3;
    }
}

return 0;
