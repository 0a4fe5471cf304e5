namespace MedSummary.Ingestion.Ocr;

/// <summary>
/// Removes specks from a scanned page before recognition: small dark blobs with no other ink around them (dust on
/// the scanner glass, fax line noise), which Tesseract otherwise reads as stray punctuation glued to words.
/// </summary>
/// <remarks>
/// A blob (8-connected pixels darker than mid-gray) is removed when its area is at most <see cref="MaxAreaAt300Dpi"/>
/// pixels and no other dark pixel lies within <see cref="MarginAt300Dpi"/> pixels of its bounding box, both scaled
/// with the resolution. Punctuation, accents and i-dots stand a pixel or two from their letters, so they stay; so does
/// anything larger than a speck.
/// </remarks>
internal static class Despeckle
{
    private const byte Dark = 128;
    private const double MaxAreaAt300Dpi = 16;
    private const double MarginAt300Dpi = 5;

    /// <summary>Cleans the pixels of a PGM image in place; returns how many specks were removed.</summary>
    public static int Clean(byte[] pgm, double dpi)
    {
        var (width, height, offset) = Pgm.ReadHeader(pgm);
        var pixels = pgm.AsSpan(offset, width * height);
        var scale = dpi / 300;
        var maxArea = Math.Max(1, (int)Math.Round(MaxAreaAt300Dpi * scale * scale));
        var margin = Math.Max(1, (int)Math.Ceiling(MarginAt300Dpi * scale));
        var seen = new bool[pixels.Length];
        var stack = new Stack<int>();
        var blob = new List<int>(maxArea + 1);
        var removed = 0;
        for (var start = 0; start < pixels.Length; start++)
        {
            if (seen[start] || pixels[start] >= Dark)
            {
                continue;
            }

            // Flood the blob, but stop collecting once it is too large to be a speck (its pixels are still marked seen).
            blob.Clear();
            var tooLarge = false;
            int minX = int.MaxValue, maxX = -1, minY = int.MaxValue, maxY = -1;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                var x = p % width;
                var y = p / width;
                if (!tooLarge)
                {
                    blob.Add(p);
                    tooLarge = blob.Count > maxArea;
                    minX = Math.Min(minX, x);
                    maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y);
                }

                for (var dy = -1; dy <= 1; dy++)
                {
                    var ny = y + dy;
                    if (ny < 0 || ny >= height)
                    {
                        continue;
                    }

                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var nx = x + dx;
                        var n = (ny * width) + nx;
                        if (nx >= 0 && nx < width && !seen[n] && pixels[n] < Dark)
                        {
                            seen[n] = true;
                            stack.Push(n);
                        }
                    }
                }
            }

            if (!tooLarge && IsIsolated(pixels, width, height, minX, maxX, minY, maxY, margin))
            {
                foreach (var p in blob)
                {
                    pixels[p] = 255;
                }

                removed++;
            }
        }

        return removed;
    }

    private static bool IsIsolated(Span<byte> pixels, int width, int height, int minX, int maxX, int minY, int maxY, int margin)
    {
        for (var y = Math.Max(0, minY - margin); y <= Math.Min(height - 1, maxY + margin); y++)
        {
            var row = pixels.Slice(y * width, width);
            for (var x = Math.Max(0, minX - margin); x <= Math.Min(width - 1, maxX + margin); x++)
            {
                var inside = x >= minX && x <= maxX && y >= minY && y <= maxY;
                if (!inside && row[x] < Dark)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
