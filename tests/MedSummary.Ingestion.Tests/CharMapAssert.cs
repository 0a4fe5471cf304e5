using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using Shouldly;

namespace MedSummary.Ingestion.Tests;

internal static class CharMapAssert
{
    /// <summary>
    /// On a page, every non-white-space character of the canonical text has a box, and the characters with boxes are
    /// exactly PdfPig's glyphs of that page (same box, same text), one for one, except the dropped ones.
    /// Inserted white space has no box.
    /// </summary>
    public static void EveryBoxedCharacterIsItsGlyph(
        SourceDocument document,
        int page,
        IReadOnlyList<(BoundingBox Box, string Value)> rawLetters,
        IReadOnlyList<string> expectedDroppedGlyphs)
    {
        var remaining = rawLetters.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var span = document.Map.PageSpan(page);
        var i = span.Start;
        while (i < span.End)
        {
            var ch = document.Text[i];
            document.Map.PageAt(i).ShouldBe(page);
            var box = document.Map.BoxAt(i);
            if (char.IsWhiteSpace(ch))
            {
                box.ShouldBeNull($"inserted white space at {i} must have no box");
                i++;
                continue;
            }

            box.ShouldNotBeNull($"character '{ch}' at {i} must have a box");

            // A glyph whose text has several characters (a ligature) gives them all the same box.
            var match = remaining.Keys.FirstOrDefault(k => k.Box == box.Value && remaining[k] > 0
                && string.CompareOrdinal(document.Text, i, k.Value, 0, k.Value.Length) == 0);
            match.Value.ShouldNotBeNull($"character '{ch}' at {i} must come from a glyph with the same box and text");
            remaining[match]--;
            i += match.Value.Length;
        }

        var leftOver = remaining.Where(kv => kv.Value > 0).SelectMany(kv => Enumerable.Repeat(kv.Key.Value, kv.Value)).Order().ToList();
        leftOver.ShouldBe(expectedDroppedGlyphs.Order().ToList());
    }
}
