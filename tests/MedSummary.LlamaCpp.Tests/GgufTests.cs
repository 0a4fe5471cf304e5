using MedSummary.LlamaCpp.Gguf;
using MedSummary.LlamaCpp.Models;
using MedSummary.Testing.Gguf;
using Shouldly;
using Xunit;

namespace MedSummary.LlamaCpp.Tests;

public class GgufTests
{
    [Fact]
    public void Writer_output_reads_back_with_metadata_and_tensor_shapes()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("gguf").FullName, "m.gguf");
        new GgufWriter()
            .Add("general.architecture", "llama")
            .Add("general.name", "tëst")
            .Add("llama.context_length", 4096u)
            .Add("general.file_type", 1u)
            .Add("tokenizer.ggml.tokens", Enumerable.Range(0, 100).Select(i => $"t{i}").ToList())
            .Add("flag", true)
            .AddTensor("a.weight", GgmlType.F16, [8, 3], s => s.Write(new byte[48]))
            .AddTensor("b.weight", GgmlType.F32, [5], s => s.Write(new byte[20]))
            .Write(path);

        var info = GgufReader.Read(path);
        info.Version.ShouldBe(3u);
        info.Architecture.ShouldBe("llama");
        info.Name.ShouldBe("tëst");
        info.ContextLength.ShouldBe(4096);
        info.Quantization.ShouldBe("F16");
        info.Metadata["flag"].ShouldBe(true);
        var tokens = info.Metadata["tokenizer.ggml.tokens"].ShouldBeOfType<GgufArray>();
        tokens.Count.ShouldBe(100UL);
        tokens.ElementType.ShouldBe(GgufValueType.String);
        info.Tensors.Select(t => t.Name).ShouldBe(["a.weight", "b.weight"]);
        info.Tensors[0].Shape.ShouldBe([8UL, 3UL]);
        info.Tensors[1].Offset.ShouldBe(64UL); // 48 bytes padded to the 32-byte alignment
        info.ParameterCount.ShouldBe(29UL);
    }

    [Fact]
    public void Synthetic_chat_model_header_describes_its_shape()
    {
        var info = GgufReader.Read(TestModels.ChatModelPath);
        info.Architecture.ShouldBe("llama");
        info.ContextLength.ShouldBe(2048);
        info.EmbeddingLength.ShouldBe(64);
        info.BlockCount.ShouldBe(2);
        info.HasChatTemplate.ShouldBeTrue();
        info.Quantization.ShouldBe("F32");
        info.FileSize.ShouldBeLessThan(2_000_000);
    }

    [Fact]
    public void A_file_that_is_not_gguf_is_refused_naming_the_file()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("gguf").FullName, "notes.gguf");
        File.WriteAllText(path, "this is not a model, just some text that is long enough");
        Should.Throw<InvalidDataException>(() => GgufReader.Read(path)).Message.ShouldContain(path);
        Should.Throw<LlamaModelLoadException>(() => LlamaModel.Load(path)).Message.ShouldContain(path);
    }

    [Fact]
    public void A_truncated_gguf_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("gguf").FullName;
        var bytes = File.ReadAllBytes(TestModels.ChatModelPath);
        var path = Path.Combine(dir, "cut.gguf");
        File.WriteAllBytes(path, bytes[..2000]);
        Should.Throw<InvalidDataException>(() => GgufReader.Read(path)).Message.ShouldContain(path);
    }

    [Fact]
    public void A_missing_model_file_names_the_path_and_how_to_get_one()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir", "model.gguf");
        var ex = Should.Throw<FileNotFoundException>(() => LlamaModel.Load(path));
        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("medsummary models pull");
    }
}
