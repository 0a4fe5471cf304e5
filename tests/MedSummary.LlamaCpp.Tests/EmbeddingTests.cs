using MedSummary.LlamaCpp.Embeddings;
using MedSummary.LlamaCpp.Native;
using MedSummary.Testing.Gguf;
using Microsoft.Extensions.AI;
using Shouldly;
using Xunit;

namespace MedSummary.LlamaCpp.Tests;

public class EmbeddingTests
{
    private static readonly string[] Sentences =
    [
        "carcinome canalaire infiltrant du sein gauche",
        "the patient has lung adenocarcinoma stage 2",
        "ganglion lymphatique négatif",
        "",
        "HER2 négatif, Ki-67 30 %",
    ];

    private static LlamaEmbeddingGenerator Bert(int maxInputsPerBatch = 16) =>
        new(new LlamaEmbeddingGeneratorOptions { ModelPath = TestModels.EmbedderPath, Threads = 1, MaxInputsPerBatch = maxInputsPerBatch });

    [Fact]
    public async Task Embeddings_have_the_declared_dimension_and_unit_length()
    {
        using var generator = Bert();
        generator.Dimensions.ShouldBe(64);
        generator.Pooling.ShouldBe(LlamaPoolingType.Mean);
        generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions.ShouldBe(64);

        var embeddings = await generator.GenerateAsync(Sentences);
        embeddings.Count.ShouldBe(Sentences.Length);
        foreach (var e in embeddings)
        {
            e.Vector.Length.ShouldBe(64);
            var norm = MathF.Sqrt(e.Vector.ToArray().Sum(x => x * x));
            norm.ShouldBe(1f, 1e-4f);
            e.Vector.ToArray().ShouldAllBe(x => float.IsFinite(x));
        }
    }

    [Fact]
    public async Task Embeddings_are_deterministic_and_batching_does_not_change_them()
    {
        using var batched = Bert();
        using var single = Bert(maxInputsPerBatch: 1);
        var a = await batched.GenerateAsync(Sentences);
        var b = await batched.GenerateAsync(Sentences);
        var c = await single.GenerateAsync(Sentences);
        for (var i = 0; i < Sentences.Length; i++)
        {
            a[i].Vector.ToArray().ShouldBe(b[i].Vector.ToArray());
            Cosine(a[i].Vector.Span, c[i].Vector.Span).ShouldBeGreaterThan(0.9999f);
        }

        // Different texts give different vectors.
        Cosine(a[0].Vector.Span, a[1].Vector.Span).ShouldBeLessThan(0.9999f);
    }

    [Fact]
    public async Task Cls_pooling_declared_by_the_model_is_honoured()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("emb").FullName, "cls.gguf");
        SyntheticGgufModels.WriteEmbedder(path, new() { PoolingType = 2 });
        using var cls = new LlamaEmbeddingGenerator(new LlamaEmbeddingGeneratorOptions { ModelPath = path, Threads = 1 });
        cls.Pooling.ShouldBe(LlamaPoolingType.Cls);
        using var mean = new LlamaEmbeddingGenerator(new LlamaEmbeddingGeneratorOptions { ModelPath = path, Threads = 1, Pooling = LlamaPoolingType.Mean });

        var x = (await cls.GenerateAsync(["tumeur du sein gauche"]))[0].Vector.ToArray();
        var y = (await mean.GenerateAsync(["tumeur du sein gauche"]))[0].Vector.ToArray();
        x.Length.ShouldBe(y.Length);
        x.ShouldNotBe(y);
    }

    [Fact]
    public async Task A_decoder_model_embeds_with_last_token_pooling()
    {
        using var generator = new LlamaEmbeddingGenerator(new LlamaEmbeddingGeneratorOptions
        {
            ModelPath = TestModels.ChatModelPath,
            Threads = 1,
            ContextSize = 512,
            Pooling = LlamaPoolingType.Last,
        });
        var a = await generator.GenerateAsync(Sentences);
        var b = await generator.GenerateAsync(Sentences.Reverse());
        for (var i = 0; i < Sentences.Length; i++)
        {
            a[i].Vector.Length.ShouldBe(64);
            Cosine(a[i].Vector.Span, b[Sentences.Length - 1 - i].Vector.Span).ShouldBeGreaterThan(0.9999f);
        }
    }

    [Fact]
    public async Task Concurrent_calls_give_the_same_vectors()
    {
        using var generator = new LlamaEmbeddingGenerator(new LlamaEmbeddingGeneratorOptions { ModelPath = TestModels.EmbedderPath, Threads = 1, MaxConcurrency = 2, MaxInputsPerBatch = 2 });
        var expected = await generator.GenerateAsync(Sentences);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => generator.GenerateAsync(Sentences))));
        foreach (var r in results)
        {
            for (var i = 0; i < Sentences.Length; i++)
            {
                Cosine(r[i].Vector.Span, expected[i].Vector.Span).ShouldBeGreaterThan(0.9999f);
            }
        }
    }

    [Fact]
    public async Task Long_inputs_are_truncated_or_refused_as_configured()
    {
        var text = string.Join(' ', Enumerable.Repeat("tumeur", 900));
        using var truncating = Bert();
        (await truncating.GenerateAsync([text]))[0].Vector.Length.ShouldBe(64);

        using var strict = new LlamaEmbeddingGenerator(new LlamaEmbeddingGeneratorOptions { ModelPath = TestModels.EmbedderPath, TruncateLongInputs = false });
        (await Should.ThrowAsync<ArgumentException>(() => strict.GenerateAsync([text]))).Message.ShouldContain("512");
    }

    private static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / MathF.Sqrt(na * nb);
    }
}
