using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MedSummary.Testing.Fuzzing;

/// <summary>One mutated input: its number in the run, the seed file it came from, the mutations applied and the bytes.</summary>
public sealed record FuzzCase(int Index, string SeedName, string Mutations, byte[] Bytes)
{
    /// <summary>A file name that says where the case came from, for refusal messages and reports.</summary>
    public string FileName => $"fuzz-{Index:D5}-{SeedName}.pdf";
}

/// <summary>
/// Mutates sample PDFs the way damaged and hostile files differ from good ones: flipped bits, overwritten and deleted
/// runs, truncation, broken cross-reference offsets and startxref, duplicated objects, references rewired (which can
/// make cycles), wrong stream lengths, deep nesting and halves of two files spliced. Deterministic for a seed.
/// </summary>
public static partial class PdfMutator
{
    private static readonly string[] Kinds =
    [
        "bitflip", "overwrite", "truncate", "xref", "startxref", "duplicate-object", "rewire-reference", "stream-length",
        "delete-range", "nesting", "splice", "number",
    ];

    /// <summary>The names of the mutation kinds, as they appear in <see cref="FuzzCase.Mutations"/>.</summary>
    public static IReadOnlyList<string> MutationKinds => Kinds;

    /// <summary><paramref name="count"/> cases, each one seed file with one to three mutations.</summary>
    public static IEnumerable<FuzzCase> Generate(IReadOnlyList<(string Name, byte[] Pdf)> seeds, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("At least one seed file is needed.", nameof(seeds));
        }

        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var (name, pdf) = seeds[random.Next(seeds.Count)];
            var bytes = pdf;
            var applied = new List<string>();
            var steps = 1 + (random.Next(100) < 30 ? random.Next(1, 3) : 0);
            for (var s = 0; s < steps; s++)
            {
                var kind = Kinds[random.Next(Kinds.Length)];
                var other = seeds[random.Next(seeds.Count)].Pdf;
                bytes = Mutate(bytes, kind, random, other);
                applied.Add(kind);
            }

            yield return new FuzzCase(i, name, string.Join('+', applied), bytes);
        }
    }

    /// <summary>Applies one mutation of the given kind.</summary>
    public static byte[] Mutate(byte[] pdf, string kind, Random random, byte[]? other = null)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(random);
        if (pdf.Length == 0)
        {
            return pdf;
        }

        return kind switch
        {
            "bitflip" => BitFlips(pdf, random),
            "overwrite" => Overwrite(pdf, random),
            "truncate" => pdf[..random.Next(pdf.Length)],
            "xref" => BreakXrefEntries(pdf, random),
            "startxref" => ReplaceText(pdf, StartXref(), m => $"startxref\n{random.Next(-10, pdf.Length * 2)}", random),
            "duplicate-object" => DuplicateObject(pdf, random),
            "rewire-reference" => ReplaceText(pdf, Reference(), _ => $"{random.Next(0, 12)} 0 R", random),
            "stream-length" => ReplaceText(pdf, Length(), _ => $"/Length {LengthValue(random, pdf.Length)}", random),
            "delete-range" => DeleteRange(pdf, random),
            "nesting" => Insert(pdf, random, Nesting(random)),
            "splice" => Splice(pdf, other ?? pdf, random),
            "number" => ReplaceText(pdf, Number(), _ => Number(random), random),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown mutation."),
        };
    }

    private static byte[] BitFlips(byte[] pdf, Random random)
    {
        var copy = (byte[])pdf.Clone();
        var flips = random.Next(1, 17);
        for (var i = 0; i < flips; i++)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private static byte[] Overwrite(byte[] pdf, Random random)
    {
        var copy = (byte[])pdf.Clone();
        var start = random.Next(copy.Length);
        var length = Math.Min(random.Next(1, 65), copy.Length - start);
        random.NextBytes(copy.AsSpan(start, length));
        return copy;
    }

    private static byte[] DeleteRange(byte[] pdf, Random random)
    {
        var start = random.Next(pdf.Length);
        var length = Math.Min(random.Next(1, 257), pdf.Length - start);
        return [.. pdf.AsSpan(0, start), .. pdf.AsSpan(start + length)];
    }

    private static byte[] Insert(byte[] pdf, Random random, byte[] insert)
    {
        var at = random.Next(pdf.Length + 1);
        return [.. pdf.AsSpan(0, at), .. insert, .. pdf.AsSpan(at)];
    }

    private static byte[] Splice(byte[] pdf, byte[] other, Random random)
    {
        var cut = random.Next(pdf.Length);
        var from = other.Length == 0 ? 0 : random.Next(other.Length);
        return [.. pdf.AsSpan(0, cut), .. other.AsSpan(from)];
    }

    private static byte[] Nesting(Random random)
    {
        var depth = random.Next(1, 4) switch { 1 => random.Next(10, 300), 2 => random.Next(300, 5000), _ => random.Next(5000, 200_000) };
        var (open, close) = random.Next(3) switch { 0 => ("[", "]"), 1 => ("<< /A ", " >>"), _ => ("q ", "Q ") };
        var sb = new StringBuilder((open.Length + close.Length) * depth);
        sb.Insert(0, open, depth);

        // Sometimes left unclosed, as a truncated or hostile file would.
        if (random.Next(2) == 0)
        {
            sb.Insert(sb.Length, close, depth);
        }

        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    private static byte[] BreakXrefEntries(byte[] pdf, Random random)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var entries = XrefEntry().Matches(text);
        if (entries.Count == 0)
        {
            return BitFlips(pdf, random);
        }

        var chars = text.ToCharArray();
        var broken = random.Next(1, Math.Min(entries.Count, 8) + 1);
        for (var i = 0; i < broken; i++)
        {
            var entry = entries[random.Next(entries.Count)];
            var offset = random.Next(5) switch
            {
                0 => 0,
                1 => random.Next(pdf.Length),
                2 => long.Parse(entry.Groups[1].Value, CultureInfo.InvariantCulture) + random.Next(-20, 21),
                3 => 9_999_999_999,
                _ => pdf.Length + random.Next(1000),
            };
            var replacement = Math.Clamp(offset, 0, 9_999_999_999).ToString("D10", CultureInfo.InvariantCulture);
            replacement.CopyTo(0, chars, entry.Groups[1].Index, 10);
        }

        return Encoding.Latin1.GetBytes(chars);
    }

    private static byte[] DuplicateObject(byte[] pdf, Random random)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var objects = ObjectPattern().Matches(text);
        if (objects.Count == 0)
        {
            return Overwrite(pdf, random);
        }

        var copy = objects[random.Next(objects.Count)].Value;
        if (random.Next(2) == 0)
        {
            // The duplicate says something else: which one wins is the reader's choice.
            copy = Number().Replace(copy, _ => Number(random), 1, Math.Min(copy.Length - 1, random.Next(8, 40)));
        }

        var at = random.Next(2) == 0 ? objects[random.Next(objects.Count)].Index : Math.Max(0, text.LastIndexOf("xref", StringComparison.Ordinal));
        return Encoding.Latin1.GetBytes(text[..at] + copy + "\n" + text[at..]);
    }

    private static byte[] ReplaceText(byte[] pdf, Regex pattern, Func<Match, string> replacement, Random random)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var matches = pattern.Matches(text);
        if (matches.Count == 0)
        {
            return BitFlips(pdf, random);
        }

        var match = matches[random.Next(matches.Count)];
        return Encoding.Latin1.GetBytes(text[..match.Index] + replacement(match) + text[(match.Index + match.Length)..]);
    }

    private static string LengthValue(Random random, int fileLength) => random.Next(6) switch
    {
        0 => "0",
        1 => "-1",
        2 => random.Next(1, 64).ToString(CultureInfo.InvariantCulture),
        3 => (fileLength + random.Next(1, 100_000)).ToString(CultureInfo.InvariantCulture),
        4 => "2147483647",
        _ => "999999999999",
    };

    private static string Number(Random random) => random.Next(7) switch
    {
        0 => "0",
        1 => "-1",
        2 => "2147483648",
        3 => "1e308",
        4 => "NaN",
        5 => random.Next(-1000, 100_000).ToString(CultureInfo.InvariantCulture),
        _ => "99999999999999999999",
    };

    [GeneratedRegex(@"startxref\s+-?\d+")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"(\d{10}) \d{5} [nf]")]
    private static partial Regex XrefEntry();

    [GeneratedRegex(@"\b\d+ \d+ R\b")]
    private static partial Regex Reference();

    [GeneratedRegex(@"/Length \d+")]
    private static partial Regex Length();

    [GeneratedRegex(@"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")]
    private static partial Regex Number();

    [GeneratedRegex(@"\d+ \d+ obj\b.*?endobj", RegexOptions.Singleline)]
    private static partial Regex ObjectPattern();
}
