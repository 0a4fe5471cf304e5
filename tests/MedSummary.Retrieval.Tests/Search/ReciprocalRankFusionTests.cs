using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using Shouldly;

namespace MedSummary.Retrieval.Tests.Search;

public sealed class ReciprocalRankFusionTests
{
    [Fact]
    public void Scores_are_sums_of_reciprocal_ranks()
    {
        var fused = ReciprocalRankFusion.Fuse<string>([["a", "b", "c"], ["c", "b"]], k: 60);

        fused.Select(f => f.Item).ShouldBe(["c", "b", "a"]);
        fused.Single(f => f.Item == "c").Score.ShouldBe((1.0 / 63) + (1.0 / 61), 1e-12);
        fused.Single(f => f.Item == "b").Score.ShouldBe((1.0 / 62) + (1.0 / 62), 1e-12);
        fused.Single(f => f.Item == "a").Score.ShouldBe(1.0 / 61, 1e-12);
    }

    [Fact]
    public void Ties_are_broken_by_best_rank_then_by_first_appearance()
    {
        var fused = ReciprocalRankFusion.Fuse<string>([["x", "y"], ["y", "x"], ["z"]]);

        // x and y tie exactly; x was seen first. z has the same best rank as both but a lower sum.
        fused.Select(f => f.Item).ShouldBe(["x", "y", "z"]);
    }

    [Fact]
    public void A_small_k_rewards_top_ranks_more()
    {
        var small = ReciprocalRankFusion.Fuse<string>([["a", "b", "c", "d"], ["d", "c", "b", "a"], ["a"]], k: 0);

        small[0].Item.ShouldBe("a");
        small[0].Score.ShouldBe(1 + (1.0 / 4) + 1, 1e-12);
    }

    [Fact]
    public void FuseHits_keeps_both_scores_and_cuts_at_top()
    {
        var a = Hit("a", 0.9, dense: true);
        var b = Hit("b", 0.5, dense: true);
        var bLexical = Hit("b", 7.5, dense: false);
        var c = Hit("c", 3.0, dense: false);

        var fused = ReciprocalRankFusion.FuseHits([a, b], [bLexical, c], top: 2);

        fused.Select(h => h.Chunk.Chunk.Id).ShouldBe(["b", "a"]);
        fused[0].DenseScore.ShouldBe(0.5);
        fused[0].LexicalScore.ShouldBe(7.5);
        fused[1].LexicalScore.ShouldBeNull();
        fused[0].Score.ShouldBe((1.0 / 62) + (1.0 / 61), 1e-12);
    }

    [Fact]
    public void FuseHits_tells_apart_the_same_chunk_id_in_two_dossiers()
    {
        var first = Hit("same", 0.9, dense: true, dossier: "d1");
        var second = Hit("same", 3.0, dense: false, dossier: "d2");

        ReciprocalRankFusion.FuseHits([first], [second], top: 10).Count.ShouldBe(2);
    }

    private static ChunkHit Hit(string id, double score, bool dense, string dossier = "d")
    {
        var chunk = new IndexedChunk(new Chunk(id, "doc", 0, null, new TextSpan(0, 1), 1, 1, "x"), "t", dossier, "f.pdf", ReadOnlyMemory<float>.Empty);
        return new ChunkHit(chunk, score, dense ? score : null, dense ? null : score);
    }
}
