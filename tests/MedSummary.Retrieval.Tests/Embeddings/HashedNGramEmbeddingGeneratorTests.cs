using MedSummary.Retrieval.Embeddings;
using Microsoft.Extensions.AI;
using Shouldly;

namespace MedSummary.Retrieval.Tests.Embeddings;

public sealed class HashedNGramEmbeddingGeneratorTests
{
    private readonly HashedNGramEmbeddingGenerator _embedder = new();

    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void The_feature_hash_is_standard_fnv1a_64(string text, ulong expected)
    {
        // Published FNV-1a test vectors: the hash cannot drift between versions or platforms unnoticed.
        FeatureHash.Fnv1a(text).ShouldBe(expected);
    }

    [Fact]
    public async Task Embeddings_are_deterministic_across_instances_calls_and_batching()
    {
        const string text = "Carcinome canalaire infiltrant, grade SBR II, RE 90 %, RP 40 %, HER2 négatif.";
        var other = new HashedNGramEmbeddingGenerator(new HashedNGramEmbeddingOptions());

        var single = (await _embedder.GenerateAsync([text]))[0].Vector.ToArray();
        var batched = (await other.GenerateAsync(["autre texte", text, "encore un"]))[1].Vector.ToArray();
        var again = _embedder.Embed(text);

        Bits(batched).ShouldBe(Bits(single));
        Bits(again).ShouldBe(Bits(single));
    }

    [Fact]
    public async Task Concurrent_calls_give_the_same_vectors_as_sequential_ones()
    {
        var texts = Enumerable.Range(0, 40).Select(i => $"Cure {i} de chimiothérapie par FEC 100, tolérance correcte").ToList();
        var sequential = texts.Select(_embedder.Embed).ToList();

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _embedder.GenerateAsync(texts))));

        foreach (var result in concurrent)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                Bits(result[i].Vector.ToArray()).ShouldBe(Bits(sequential[i]));
            }
        }
    }

    [Theory]
    [InlineData("Récepteurs hormonaux positifs")]
    [InlineData("a")]
    [InlineData("TNM pT2N1aM0 — 3/12 ganglions envahis (N+), Ki67 = 30 %")]
    [InlineData("Le patient, âgé de 67 ans, est adressé pour prise en charge d'un adénocarcinome prostatique. ")]
    public void Vectors_have_unit_length(string text)
    {
        var vector = _embedder.Embed(string.Concat(Enumerable.Repeat(text, text.Length < 5 ? 1 : 20)));

        Norm(vector).ShouldBe(1.0, 1e-5);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("--- ; : ! ? ...")]
    public void Text_without_words_gives_the_zero_vector(string text)
    {
        _embedder.Embed(text).ShouldAllBe(v => v == 0f);
    }

    [Fact]
    public async Task The_dimension_is_configurable_and_reported()
    {
        using var embedder = new HashedNGramEmbeddingGenerator(new HashedNGramEmbeddingOptions { Dimension = 128, MinNGram = 2, MaxNGram = 4 });

        var result = await embedder.GenerateAsync(["Biopsie", "Scanner"], new EmbeddingGenerationOptions { Dimensions = 128 });

        result.ShouldAllBe(e => e.Vector.Length == 128 && e.ModelId == embedder.ModelId);
        _embedder.Embed("Biopsie").Length.ShouldBe(512);
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>().ShouldNotBeNull();
        metadata.DefaultModelDimensions.ShouldBe(128);
        metadata.ProviderName.ShouldBe(HashedNGramEmbeddingGenerator.ProviderName);
        metadata.DefaultModelId.ShouldBe(embedder.ModelId);
        embedder.ModelId.ShouldNotBe(_embedder.ModelId);
        embedder.GetService<HashedNGramEmbeddingGenerator>().ShouldBeSameAs(embedder);
        embedder.GetService(typeof(EmbeddingGeneratorMetadata), serviceKey: "other").ShouldBeNull();
        result.Usage.ShouldNotBeNull().InputTokenCount.ShouldBe(2);
    }

    [Fact]
    public async Task Asking_for_another_dimension_is_refused()
    {
        await Should.ThrowAsync<ArgumentException>(() => _embedder.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 384 }));
    }

    [Theory]
    [InlineData(8, 3, 5)]
    [InlineData(100_000, 3, 5)]
    [InlineData(512, 0, 5)]
    [InlineData(512, 4, 3)]
    [InlineData(512, 3, 12)]
    public void Unusable_options_are_refused(int dimension, int minN, int maxN)
    {
        var options = new HashedNGramEmbeddingOptions { Dimension = dimension, MinNGram = minN, MaxNGram = maxN };

        options.Validate().ShouldNotBeEmpty();
        Should.Throw<ArgumentException>(() => new HashedNGramEmbeddingGenerator(options));
    }

    [Fact]
    public void Case_accents_and_ligatures_do_not_change_the_vector()
    {
        Bits(_embedder.Embed("RÉCEPTEURS AUX ŒSTROGÈNES")).ShouldBe(Bits(_embedder.Embed("recepteurs aux oestrogenes")));
    }

    [Fact]
    public void Similar_passages_are_closer_than_unrelated_ones()
    {
        var query = _embedder.Embed("adénocarcinome mammaire métastatique");
        var similar = _embedder.Embed("Adénocarcinome du sein avec métastases hépatiques");
        var unrelated = _embedder.Embed("Fracture du poignet gauche après une chute");

        Dot(query, similar).ShouldBeGreaterThan(Dot(query, unrelated) + 0.2);
    }

    [Fact]
    public void Inflected_and_english_forms_share_features()
    {
        var french = _embedder.Embed("métastases osseuses");
        var english = _embedder.Embed("bone metastasis");
        var unrelated = _embedder.Embed("consultation d'anesthésie");

        Dot(french, english).ShouldBeGreaterThan(Dot(french, unrelated));
    }

    [Fact]
    public void An_ocr_damaged_passage_stays_close_to_the_clean_one()
    {
        const string clean = "Récepteurs aux oestrogènes positifs à 90 %, récepteurs à la progestérone positifs à 40 %.";
        const string noisy = "Rec3pteurs aux 0estrogenes posit1fs à 90 %, recepteurs a la progest érone posilifs à 40 %.";
        const string otherMedical = "Scanner thoraco-abdomino-pelvien sans lésion secondaire décelable.";

        var cleanVector = _embedder.Embed(clean);
        var noisyVector = _embedder.Embed(noisy);

        Dot(noisyVector, cleanVector).ShouldBeGreaterThan(0.5);
        Dot(noisyVector, cleanVector).ShouldBeGreaterThan(Dot(noisyVector, _embedder.Embed(otherMedical)) + 0.3);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => _embedder.GenerateAsync(["a", "b"], cancellationToken: cancelled.Token));
    }

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }

    private static double Norm(float[] v) => Math.Sqrt(Dot(v, v));

    private static int[] Bits(float[] vector) => vector.Select(BitConverter.SingleToInt32Bits).ToArray();
}
