using System.Text;
using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.Models;
using MedSummary.Testing.Gguf;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;
using Shouldly;
using Xunit;

namespace MedSummary.LlamaCpp.Tests;

/// <summary>
/// The random-weight model with cl100k_base written as a byte-level BPE vocabulary, loaded by the real llama.cpp: the
/// benchmarks' token counts are only realistic if llama.cpp tokenizes with it as tiktoken does.
/// </summary>
public class RealVocabularyTests
{
    private const string French =
        "Compte rendu anatomopathologique : carcinome canalaire infiltrant du sein gauche, grade 2 de Elston-Ellis, " +
        "taille 23 mm. Récepteurs aux œstrogènes positifs à 90 %, récepteurs à la progestérone positifs à 40 %, HER2 " +
        "négatif (score 1+), Ki-67 à 20 %. Marges saines ; 0/3 ganglion sentinelle envahi. Décision de la RCP du " +
        "12/03/2024 : chimiothérapie adjuvante puis radiothérapie et hormonothérapie.";

    private const string English =
        "Pathology report: invasive ductal carcinoma of the left breast, Nottingham grade 2, measuring 23 mm. Estrogen " +
        "receptor positive (90%), progesterone receptor positive (40%), HER2 negative (1+), Ki-67 20%. Margins clear; " +
        "0 of 3 sentinel lymph nodes involved. The tumor board recommended adjuvant chemotherapy followed by radiotherapy.";

    private static readonly Lazy<string> ModelPath = new(() => TestModels.Cl100kChatModelPath);

    [Theory]
    [InlineData(French)]
    [InlineData(English)]
    [InlineData("Âgée de 67 ans, née le 03/04/1957 — œdème, forêt, Noël, garçon, « citation » ; naïve.")]
    [InlineData("{\"grade\": \"2\", \"her2\": \"négatif\", \"quote\": \"HER2 négatif (score 1+)\"}")]
    [InlineData("line one\nline two\ttabbed  double  space\r\n  indented")]
    [InlineData("漢字 and emoji 🧬 are bytes too")]
    public void Tokenize_then_detokenize_gives_the_text_back(string text)
    {
        using var model = LlamaModel.Load(ModelPath.Value);
        var tokens = model.Tokenize(text);
        tokens.ShouldNotBeEmpty();
        model.Detokenize(tokens).ShouldBe(text);
    }

    [Theory]
    [InlineData(French)]
    [InlineData(English)]
    [InlineData("Ki-67 élevé, l'œstrogène ; mg/m² — they're   spaced\n\nout")]
    public void Llama_cpp_gives_the_token_ids_tiktoken_gives_apart_from_digits(string text)
    {
        // Qwen2's pre-tokenizer takes digits one by one where cl100k_base groups up to three: compare without them.
        var withoutDigits = System.Text.RegularExpressions.Regex.Replace(text, "[0-9]", string.Empty);
        using var model = LlamaModel.Load(ModelPath.Value);
        var tiktoken = TiktokenTokenizer.CreateForEncoding("cl100k_base");
        model.Tokenize(withoutDigits).ShouldBe(tiktoken.EncodeToIds(withoutDigits).ToArray());
    }

    [Fact]
    public void Digits_are_tokens_of_their_own_as_in_qwen2()
    {
        using var model = LlamaModel.Load(ModelPath.Value);
        var tiktoken = TiktokenTokenizer.CreateForEncoding("cl100k_base");
        model.Tokenize("1957").ShouldBe(new[] { "1", "9", "5", "7" }.Select(d => tiktoken.EncodeToIds(d).ShouldHaveSingleItem()).ToArray());
    }

    [Fact]
    public void French_and_english_clinical_text_read_at_real_model_rates()
    {
        using var model = LlamaModel.Load(ModelPath.Value);

        // Generous bands: the old synthetic vocabulary read French at about 1.2 characters a token.
        CharsPerToken(model, French).ShouldBeGreaterThan(2.5);
        CharsPerToken(model, English).ShouldBeGreaterThan(3.5);
        model.VocabularySize.ShouldBe(100_288);
    }

    [Fact]
    public void Chatml_control_tokens_parse_only_when_asked_and_end_the_turn()
    {
        using var model = LlamaModel.Load(ModelPath.Value);
        var imStart = model.Tokenize("<|im_start|>", parseSpecial: true).ShouldHaveSingleItem();
        var imEnd = model.Tokenize("<|im_end|>", parseSpecial: true).ShouldHaveSingleItem();
        var endOfText = model.Tokenize("<|endoftext|>", parseSpecial: true).ShouldHaveSingleItem();
        new[] { endOfText, imStart, imEnd }.ShouldBe([100_256, 100_257, 100_258]);
        model.Tokenize("<|im_start|>user", parseSpecial: false).ShouldNotContain(imStart);
        model.IsEndOfGeneration(imEnd).ShouldBeTrue();
        model.IsEndOfGeneration(endOfText).ShouldBeTrue();
        model.IsEndOfGeneration(model.Tokenize(" carcinome")[0]).ShouldBeFalse();
    }

    [Fact]
    public void The_chatml_template_renders_and_its_markers_become_control_tokens()
    {
        using var model = LlamaModel.Load(ModelPath.Value);
        var prompt = model.ApplyChatTemplate([new("system", "Tu résumes des dossiers."), new("user", "Quel stade ?")], addAssistantPrefix: true);
        prompt.ShouldBe("<|im_start|>system\nTu résumes des dossiers.<|im_end|>\n<|im_start|>user\nQuel stade ?<|im_end|>\n<|im_start|>assistant\n");
        var tokens = model.Tokenize(prompt, addSpecial: true, parseSpecial: true);
        tokens.Count(t => t == 100_257).ShouldBe(3);
        tokens.Count(t => t == 100_258).ShouldBe(2);
        model.Detokenize(tokens, unparseSpecial: true).ShouldBe(prompt);
    }

    [Fact]
    public async Task The_chat_client_generates_with_the_real_vocabulary()
    {
        using var client = new LlamaChatClient(new LlamaChatClientOptions { ModelPath = ModelPath.Value, ContextSize = 512, Threads = 1 });
        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "Résume : carcinome canalaire, grade 2.")],
            new ChatOptions { MaxOutputTokens = 8, Temperature = 0 });
        response.Usage!.InputTokenCount.ShouldNotBeNull().ShouldBeGreaterThan(10);
        response.Usage.OutputTokenCount.ShouldNotBeNull().ShouldBeInRange(1, 8);
    }

    [Fact]
    public void Merges_come_from_the_ranks_alone()
    {
        // Bytes, then "ab" (rank 256), "bc" (257) and "abc" (258): BPE on "abc" with lower ranks merges "ab" first.
        var lines = Enumerable.Range(0, 256).Select(b => $"{Convert.ToBase64String([(byte)b])} {b}")
            .Concat([$"{B64("ab")} 256", $"{B64("bc")} 257", $"{B64("abc")} 258", $"{B64(" a")} 259"]);
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(string.Join('\n', lines)));
        var vocabulary = ByteLevelBpeVocabulary.FromTiktoken(stream);
        vocabulary.Merges.ShouldBe(["a b", "b c", "ab c", "Ġ a"]);
        vocabulary.Tokens[259].ShouldBe("Ġa");
        vocabulary.Tokens[0].ShouldBe("Ā");
        vocabulary.UnderivableMerges.ShouldBe(0);
    }

    [Fact]
    public void Tokens_without_ranks_are_ranked_by_their_order()
    {
        var lines = new[] { "Capacity: 258" }.Concat(Enumerable.Range(0, 256).Select(b => Convert.ToBase64String([(byte)b]))).Concat([B64("ab"), B64("abc")]);
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(string.Join("\r\n", lines)));
        var vocabulary = ByteLevelBpeVocabulary.FromTiktoken(stream);
        vocabulary.Tokens.Count.ShouldBe(258);
        vocabulary.Merges.ShouldBe(["a b", "ab c"]);
    }

    [Fact]
    public void A_rank_file_with_gaps_is_refused()
    {
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes($"{B64("a")} 0\n{B64("b")} 2\n"));
        Should.Throw<InvalidDataException>(() => ByteLevelBpeVocabulary.FromTiktoken(stream));
    }

    private static double CharsPerToken(LlamaModel model, string text) => (double)text.Length / model.Tokenize(text).Length;

    private static string B64(string ascii) => Convert.ToBase64String(Encoding.ASCII.GetBytes(ascii));
}
