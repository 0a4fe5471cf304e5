using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MedSummary.LlamaCpp.Models;
using MedSummary.LlamaCpp.Native;
using Shouldly;
using Xunit;

namespace MedSummary.LlamaCpp.Tests;

public class NativeLibraryTests
{
    [Fact]
    public void Struct_layouts_match_the_pinned_llama_h()
    {
        // Sizes of the pinned release's structs (include/llama.h at llama.cpp 0.5.0 / 0ad4a86).
        Marshal.SizeOf<LlamaModelParams>().ShouldBe(80);
        Unsafe.SizeOf<LlamaModelParams>().ShouldBe(80);
        Marshal.SizeOf<LlamaContextParams>().ShouldBe(160);
        Unsafe.SizeOf<LlamaContextParams>().ShouldBe(160);
        Unsafe.SizeOf<LlamaBatch>().ShouldBe(56);
        Unsafe.SizeOf<LlamaModelQuantizeParams>().ShouldBe(64);
        Unsafe.SizeOf<LlamaTokenData>().ShouldBe(12);
        Unsafe.SizeOf<LlamaTokenDataArray>().ShouldBe(32);
        Marshal.OffsetOf<LlamaContextParams>(nameof(LlamaContextParams.Embeddings)).ToInt32().ShouldBe(128);
        Marshal.OffsetOf<LlamaModelParams>(nameof(LlamaModelParams.VocabOnly)).ToInt32().ShouldBe(72);
    }

    [Fact]
    public void Defaults_returned_by_the_library_read_back_sensibly()
    {
        LlamaNativeLibrary.EnsureInitialized();
        var context = NativeMethods.llama_context_default_params();
        context.ContextSize.ShouldBe(512u);
        context.BatchSize.ShouldBe(2048u);
        context.MaxSequences.ShouldBe(1u);
        context.PoolingType.ShouldBe((int)LlamaPoolingType.Unspecified);
        context.OffloadKqv.ShouldBe((byte)1);
        var model = NativeMethods.llama_model_default_params();
        model.VocabOnly.ShouldBe((byte)0);
        var quantize = NativeMethods.llama_model_quantize_default_params();
        quantize.FileType.ShouldBe((int)LlamaFileType.MostlyQ8_0);
        quantize.QuantizeOutputTensor.ShouldBe((byte)1);
    }

    [Fact]
    public void The_pinned_libraries_sit_next_to_the_binaries_and_verify()
    {
        LlamaNativeLibrary.EnsureInitialized();
        LlamaNativeLibrary.Directory.ShouldBe(Path.Combine(AppContext.BaseDirectory, LlamaNativeLibrary.NativeFolderName));
        Should.NotThrow(() => LlamaNativeLibrary.Verify(LlamaNativeLibrary.Directory!));
        LlamaModel.BuiltinChatTemplates().ShouldContain("chatml");
    }

    [Fact]
    public void A_library_that_is_not_the_pinned_release_is_refused_with_a_clear_message()
    {
        var dir = Directory.CreateTempSubdirectory("llama-wrong").FullName;
        var source = Path.Combine(AppContext.BaseDirectory, LlamaNativeLibrary.NativeFolderName);
        File.Copy(Path.Combine(source, "libggml.v0.5.0.so"), Path.Combine(dir, "libggml.v0.5.0.so"));
        var bytes = File.ReadAllBytes(Path.Combine(source, "libllama.v0.5.0.so"));
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(Path.Combine(dir, "libllama.v0.5.0.so"), bytes);

        var ex = Should.Throw<LlamaNativeLibraryException>(() => LlamaNativeLibrary.Verify(dir));
        ex.Message.ShouldContain(Path.Combine(dir, "libllama.v0.5.0.so"));
        ex.Message.ShouldContain("not the pinned llama.cpp release");
        ex.Message.ShouldContain("@node-llama-cpp/linux-x64@3.22.1");
    }

    [Fact]
    public void A_missing_library_names_the_path_and_how_to_get_it()
    {
        var dir = Directory.CreateTempSubdirectory("llama-missing").FullName;
        var ex = Should.Throw<LlamaNativeLibraryException>(() => LlamaNativeLibrary.Verify(dir));
        ex.Message.ShouldContain(Path.Combine(dir, "libllama.v0.5.0.so"));
        ex.Message.ShouldContain("rebuild");
    }
}
