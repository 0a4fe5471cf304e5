using MedSummary.LlamaCpp.Gguf;
using MedSummary.LlamaCpp.Models;
using Shouldly;
using Xunit;

namespace MedSummary.LlamaCpp.Tests;

public class SmokeTests
{
    [Fact]
    public void Loads()
    {
        var dir = Directory.CreateTempSubdirectory("llama-smoke").FullName;
        var path = Path.Combine(dir, "chat.gguf");
        SyntheticGgufModels.WriteChatModel(path, new SyntheticChatModelSpec());
        using var model = LlamaModel.Load(path);
        model.VocabularySize.ShouldBe(1024);
        var tokens = model.Tokenize("Bonjour la patiente, stade pT2 {\"a\": 1}");
        model.Detokenize(tokens).ShouldBe("Bonjour la patiente, stade pT2 {\"a\": 1}");
        var bpath = Path.Combine(dir, "bert.gguf");
        SyntheticGgufModels.WriteEmbedder(bpath, new SyntheticEmbedderSpec());
        using var bert = LlamaModel.Load(bpath);
        bert.Tokenize("the patient", addSpecial: true).Length.ShouldBe(4);
    }
}
