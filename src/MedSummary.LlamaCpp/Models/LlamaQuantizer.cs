using MedSummary.LlamaCpp.Native;

namespace MedSummary.LlamaCpp.Models;

/// <summary>llama.cpp's own quantizer (llama_model_quantize): turns an F32/F16 GGUF into Q4_K_M, Q8_0 and the like.</summary>
public static unsafe class LlamaQuantizer
{
    public static void Quantize(string inputPath, string outputPath, LlamaFileType fileType, int threads = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        if (!File.Exists(inputPath))
        {
            throw new FileNotFoundException($"GGUF file to quantize '{inputPath}' not found", inputPath);
        }

        LlamaNativeLibrary.EnsureInitialized();
        var parameters = NativeMethods.llama_model_quantize_default_params();
        parameters.FileType = (int)fileType;
        parameters.Threads = threads > 0 ? threads : Environment.ProcessorCount;
        _ = LlamaNativeLibrary.TakeLastError();
        var rc = NativeMethods.llama_model_quantize(inputPath, outputPath, &parameters);
        if (rc != 0)
        {
            throw new InvalidOperationException(
                $"llama.cpp could not quantize '{inputPath}' to {fileType}: {LlamaNativeLibrary.TakeLastError() ?? $"code {rc}"}");
        }
    }
}
