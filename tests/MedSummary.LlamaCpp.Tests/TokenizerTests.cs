using MedSummary.Testing.Gguf;
using MedSummary.LlamaCpp.Models;
using Shouldly;
using Xunit;

namespace MedSummary.LlamaCpp.Tests;

public class TokenizerTests
{
    [Theory]
    [InlineData("Bonjour la patiente, stade pT2 N0 M0.")]
    [InlineData("Récepteurs aux œstrogènes positifs (90 %), HER2 négatif; Ki-67 à 30 %.")]
    [InlineData("{\"tumor\": \"carcinoma\", \"size_mm\": 23, \"found\": true}")]
    [InlineData("line one\nline two\ttabbed  double  space")]
    [InlineData("漢字 and emoji 🧬 fall back to bytes")]
    public void Tokenize_then_detokenize_gives_the_text_back(string text)
    {
        using var model = LlamaModel.Load(TestModels.ChatModelPath);
        var tokens = model.Tokenize(text);
        tokens.ShouldNotBeEmpty();
        tokens.ShouldAllBe(t => t >= 0 && t < model.VocabularySize);
        model.Detokenize(tokens).ShouldBe(text);
    }

    [Fact]
    public void Whole_words_in_the_vocabulary_become_single_tokens()
    {
        using var model = LlamaModel.Load(TestModels.ChatModelPath);
        model.Tokenize("patient").Length.ShouldBe(1);
        model.Tokenize("carcinoma tumor").Length.ShouldBe(2);
    }

    [Fact]
    public void Special_tokens_are_parsed_only_when_asked()
    {
        using var model = LlamaModel.Load(TestModels.ChatModelPath);
        model.Tokenize("<|im_start|>user", parseSpecial: true)[0].ShouldBe(SyntheticGgufModels.ImStartToken);
        model.Tokenize("<|im_start|>user", parseSpecial: false).ShouldNotContain(SyntheticGgufModels.ImStartToken);
        model.IsEndOfGeneration(SyntheticGgufModels.ImEndToken).ShouldBeTrue();
    }

    [Fact]
    public void The_model_chat_template_renders_chatml()
    {
        using var model = LlamaModel.Load(TestModels.ChatModelPath);
        var prompt = model.ApplyChatTemplate(
            [new("system", "Tu es un assistant."), new("user", "Quel stade ?")],
            addAssistantPrefix: true);
        prompt.ShouldBe("<|im_start|>system\nTu es un assistant.<|im_end|>\n<|im_start|>user\nQuel stade ?<|im_end|>\n<|im_start|>assistant\n");
    }

    [Fact]
    public void An_unknown_template_is_refused_listing_the_builtin_ones()
    {
        using var model = LlamaModel.Load(TestModels.ChatModelPath);
        var ex = Should.Throw<NotSupportedException>(() => model.ApplyChatTemplate([new("user", "x")], true, "{{ something unknown }}"));
        ex.Message.ShouldContain("chatml");
    }
}
