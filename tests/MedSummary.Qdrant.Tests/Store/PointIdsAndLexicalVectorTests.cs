using MedSummary.Qdrant.Store;
using Shouldly;

namespace MedSummary.Qdrant.Tests.Store;

public sealed class PointIdsAndLexicalVectorTests
{
    [Fact]
    public void A_point_id_is_a_stable_version_8_uuid_of_the_whole_identity()
    {
        var id = PointIds.For("chu-lyon", "d1", "doc1:0");

        id.ShouldBe(PointIds.For("chu-lyon", "d1", "doc1:0"));
        id.Version.ShouldBe(8);
        (id.Variant & 0b1100).ShouldBe(0b1000);
        PointIds.Format(id).ShouldMatch("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        new[]
        {
            id,
            PointIds.For("chu-lyon", "d2", "doc1:0"),
            PointIds.For("igr-paris", "d1", "doc1:0"),
            PointIds.For("chu-lyon", "d1", "doc1:1"),
            PointIds.For("chu-lyon:d1", "", "doc1:0"),
            PointIds.For("chu-lyon", "d1:doc1", "0"),
        }.Distinct().Count().ShouldBe(6);
    }

    [Fact]
    public void A_document_vector_has_one_sorted_dimension_per_folded_word_with_saturating_weights()
    {
        var vector = LexicalVector.ForDocument("Carcinome CARCINOME carcinome, récepteurs; Récepteurs œstrogènes");

        vector.Indices.ShouldBe(vector.Indices.Order().Distinct().ToArray());
        vector.Indices.Length.ShouldBe(3);
        var carcinome = vector.Values[Array.IndexOf(vector.Indices, LexicalVector.Hash("carcinome"))];
        var recepteurs = vector.Values[Array.IndexOf(vector.Indices, LexicalVector.Hash("recepteur"))];
        var oestrogenes = vector.Values[Array.IndexOf(vector.Indices, LexicalVector.Hash("oestrogene"))];
        carcinome.ShouldBeGreaterThan(recepteurs);
        recepteurs.ShouldBeGreaterThan(oestrogenes);
        carcinome.ShouldBeLessThan((float)(LexicalVector.K1 + 1));
    }

    [Fact]
    public void Longer_chunks_weigh_each_occurrence_less()
    {
        var shortChunk = LexicalVector.ForDocument("trastuzumab");
        var longChunk = LexicalVector.ForDocument("trastuzumab " + string.Join(' ', Enumerable.Range(0, 400).Select(i => $"mot{i}")));

        var index = LexicalVector.Hash("trastuzumab");
        longChunk.Values[Array.IndexOf(longChunk.Indices, index)].ShouldBeLessThan(shortChunk.Values[0]);
    }

    [Fact]
    public void A_query_vector_weighs_each_distinct_word_one_and_folds_like_documents()
    {
        var query = LexicalVector.ForQuery(["egfr", "exon", "egfr"]);

        query.Indices.ShouldBe(new[] { LexicalVector.Hash("egfr"), LexicalVector.Hash("exon") }.Order().ToArray());
        query.Values.ShouldBe([1f, 1f]);
        LexicalVector.ForDocument("Œstrogènes").Indices.ShouldBe([LexicalVector.Hash("oestrogene")]);
        LexicalVector.ForDocument("  %% ").Indices.ShouldBeEmpty();
    }
}
