using System.Text.Json;
using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.Embeddings;
using MedSummary.LlamaCpp.Gguf;
using MedSummary.LlamaCpp.StructuredOutput;
using Microsoft.Extensions.AI;
using Shouldly;
using Xunit;

namespace MedSummary.LlamaCpp.Tests;

/// <summary>
/// Real weights, when the development/CI machine has them in ../shared/models (next to the repository; or the folder
/// named by MEDSUMMARY_REAL_MODELS). Without them these tests are skipped and say why.
/// </summary>
internal static class RealModels
{
    private static readonly string[] EmbedderArchitectures = ["bert", "nomic-bert", "jina-bert-v2", "jina-bert-v3", "xlm-roberta", "modern-bert", "neo-bert", "eurobert", "gemma-embedding"];
    private static readonly Lazy<(string? Chat, string? Embedder, string Folder)> Found = new(Find);

    public static string? ChatModel => Found.Value.Chat;

    public static string? Embedder => Found.Value.Embedder;

    public static string Folder => Found.Value.Folder;

    private static (string?, string?, string) Find()
    {
        var folder = Environment.GetEnvironmentVariable("MEDSUMMARY_REAL_MODELS") ?? Path.Combine(RepositoryRoot(), "..", "shared", "models");
        folder = Path.GetFullPath(folder);
        if (!Directory.Exists(folder))
        {
            return (null, null, folder);
        }

        string? chat = null, embedder = null;
        foreach (var file in Directory.EnumerateFiles(folder, "*.gguf", SearchOption.AllDirectories).OrderBy(f => new FileInfo(f).Length))
        {
            GgufFileInfo info;
            try
            {
                info = GgufReader.Read(file);
            }
            catch (InvalidDataException)
            {
                continue;
            }

            var isEmbedder = EmbedderArchitectures.Contains(info.Architecture) || info.GetInteger($"{info.Architecture}.pooling_type") is > 0;
            if (isEmbedder)
            {
                embedder ??= file;
            }
            else if (info.HasChatTemplate)
            {
                chat ??= file;
            }
        }

        return (chat, embedder, folder);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MedSummary.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? AppContext.BaseDirectory;
    }
}

/// <summary>A fact that runs only when a real GGUF chat model is available.</summary>
public sealed class RealChatModelFactAttribute : FactAttribute
{
    public RealChatModelFactAttribute()
    {
        if (RealModels.ChatModel is null)
        {
            Skip = $"no real GGUF chat model in {RealModels.Folder} (development/CI weights; see models/README.md)";
        }
    }
}

/// <summary>A fact that runs only when a real GGUF embedding model is available.</summary>
public sealed class RealEmbedderFactAttribute : FactAttribute
{
    public RealEmbedderFactAttribute()
    {
        if (RealModels.Embedder is null)
        {
            Skip = $"no real GGUF embedding model in {RealModels.Folder} (development/CI weights; see models/README.md)";
        }
    }
}

public class RealModelTests
{
    private const string Report =
        "Compte rendu anatomopathologique. Biopsie du sein gauche: carcinome canalaire infiltrant, grade 2 de Elston-Ellis. " +
        "Taille tumorale 23 mm. Récepteurs aux oestrogènes positifs à 90 %. HER2 négatif (score 1+). Ki-67 à 20 %.";

    [RealChatModelFact]
    public async Task A_real_chat_model_answers_an_extraction_prompt_with_schema_valid_json()
    {
        var schema = JsonDocument.Parse("""
            {"type":"object","properties":{
              "laterality":{"type":["string","null"],"enum":["gauche","droite",null]},
              "grade":{"type":["integer","null"]},
              "size_mm":{"type":["number","null"]},
              "her2":{"type":["string","null"],"enum":["positif","négatif","équivoque",null]},
              "quote":{"type":"string","maxLength":200}},
             "required":["laterality","grade","size_mm","her2","quote"],"additionalProperties":false}
            """).RootElement;
        using var client = new LlamaChatClient(new LlamaChatClientOptions { ModelPath = RealModels.ChatModel!, ContextSize = 2048 });
        var response = await client.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System, "Tu extrais des informations d'un compte rendu médical. Réponds en JSON. Utilise null quand l'information est absente."),
                new ChatMessage(ChatRole.User, Report),
            ],
            new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema), Temperature = 0, MaxOutputTokens = 400 });

        using var doc = JsonDocument.Parse(response.Text);
        JsonSchemaValidator.Validate(schema, doc.RootElement).ShouldBeEmpty(response.Text);
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
    }

    [RealEmbedderFact]
    public async Task A_real_embedder_ranks_the_relevant_sentence_first()
    {
        using var generator = new LlamaEmbeddingGenerator(new LlamaEmbeddingGeneratorOptions { ModelPath = RealModels.Embedder! });
        string[] passages =
        [
            "La patiente est née en 1956 et vit à Lyon.",
            "Le statut HER2 est négatif, score 1+ en immunohistochimie.",
            "Le scanner thoracique ne montre pas de lésion suspecte.",
            "Prochain rendez-vous de consultation dans trois mois.",
        ];
        var query = (await generator.GenerateAsync(["Quel est le statut HER2 de la tumeur ?"]))[0].Vector.ToArray();
        var vectors = await generator.GenerateAsync(passages);
        var scores = vectors.Select(v => v.Vector.ToArray().Zip(query, (a, b) => a * b).Sum()).ToList();

        scores.IndexOf(scores.Max()).ShouldBe(1);
    }
}
