using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace MedSummary.Testing.Gguf;

/// <summary>
/// A real byte-level BPE vocabulary in the form llama.cpp's "gpt2" tokenizer reads: tokens in GPT-2's byte-to-unicode
/// spelling, indexed by rank, and one merge per multi-byte token, in rank order. Derived at run time from a tiktoken
/// rank file, so the vocabulary itself never lives in the repository.
/// </summary>
public sealed class ByteLevelBpeVocabulary
{
    private static readonly Lazy<ByteLevelBpeVocabulary> Cl100k = new(LoadCl100kBase);

    private ByteLevelBpeVocabulary(IReadOnlyList<string> tokens, IReadOnlyList<string> merges, int underivable)
    {
        Tokens = tokens;
        Merges = merges;
        UnderivableMerges = underivable;
    }

    /// <summary>
    /// OpenAI's cl100k_base (100,256 tokens), read from the Microsoft.ML.Tokenizers.Data.Cl100kBase package. Qwen2's
    /// vocabulary was grown from it, so its characters per token on European text are close to Qwen2.5's.
    /// </summary>
    public static ByteLevelBpeVocabulary Cl100kBase => Cl100k.Value;

    /// <summary>
    /// The llama.cpp pre-tokenizer written with cl100k_base: Qwen2's, whose split regex is cl100k_base's except that
    /// digits go one by one (as Qwen2.5 counts them) and which, unlike "llama3", leaves the space of a French " ?" alone
    /// on detokenizing (no clean-up of tokenization spaces).
    /// </summary>
    public const string Cl100kPreTokenizer = "qwen2";

    /// <summary>Token text by id (id = tiktoken rank), in GPT-2's byte-to-unicode spelling.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>"left right" merges, highest priority first.</summary>
    public IReadOnlyList<string> Merges { get; }

    /// <summary>Multi-byte tokens that lower ranks cannot build from two parts (tiktoken never produces them by merging).</summary>
    public int UnderivableMerges { get; }

    /// <summary>
    /// Reads a tiktoken rank file and derives the merges from the ranks. A line is a base64 token followed by its rank
    /// (OpenAI's .tiktoken files) or the token alone, ranked by its order (the form the Microsoft.ML.Tokenizers.Data
    /// packages embed, after a "Capacity: N" line).
    /// </summary>
    public static ByteLevelBpeVocabulary FromTiktoken(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var byRank = new SortedDictionary<int, byte[]>();
        using (var reader = new StreamReader(stream, Encoding.ASCII))
        {
            var next = 0;
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal))
                {
                    continue;
                }

                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var rank = space < 0 ? next : int.Parse(line.AsSpan(space + 1), System.Globalization.CultureInfo.InvariantCulture);
                byRank.Add(rank, Convert.FromBase64String(space < 0 ? line : line[..space]));
                next = rank + 1;
            }
        }

        if (byRank.Count == 0 || byRank.Keys.Last() != byRank.Count - 1)
        {
            throw new InvalidDataException("tiktoken ranks must run from 0 without gaps");
        }

        // Latin-1 maps each byte to one char, so byte strings can key an ordinary dictionary.
        var rankOf = new Dictionary<string, int>(byRank.Count, StringComparer.Ordinal);
        foreach (var (rank, bytes) in byRank)
        {
            rankOf[Encoding.Latin1.GetString(bytes)] = rank;
        }

        var unicode = ByteToUnicode();
        var tokens = new string[byRank.Count];
        var merges = new List<string>(byRank.Count);
        var underivable = 0;
        var parts = new List<string>();
        foreach (var (rank, bytes) in byRank)
        {
            tokens[rank] = Spell(bytes, unicode);
            if (bytes.Length < 2)
            {
                continue;
            }

            // The merge that makes a token is the last step of BPE on its own bytes when only lower ranks may merge.
            parts.Clear();
            parts.AddRange(bytes.Select(b => ((char)b).ToString()));
            while (parts.Count > 2)
            {
                var best = -1;
                var bestRank = rank;
                for (var i = 0; i + 1 < parts.Count; i++)
                {
                    if (rankOf.TryGetValue(parts[i] + parts[i + 1], out var r) && r < bestRank)
                    {
                        best = i;
                        bestRank = r;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                parts[best] += parts[best + 1];
                parts.RemoveAt(best + 1);
            }

            if (parts.Count == 2)
            {
                merges.Add(Spell(Encoding.Latin1.GetBytes(parts[0]), unicode) + " " + Spell(Encoding.Latin1.GetBytes(parts[1]), unicode));
            }
            else
            {
                underivable++;
            }
        }

        return new ByteLevelBpeVocabulary(tokens, merges, underivable);
    }

    private static ByteLevelBpeVocabulary LoadCl100kBase()
    {
        const string AssemblyName = "Microsoft.ML.Tokenizers.Data.Cl100kBase";
        const string Resource = "cl100k_base.tiktoken.deflate";
        var assembly = Assembly.Load(AssemblyName);
        using var compressed = assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{AssemblyName} has no resource {Resource}");
        using var inflated = new DeflateStream(compressed, CompressionMode.Decompress);
        return FromTiktoken(inflated);
    }

    private static string Spell(byte[] bytes, char[] unicode)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = unicode[bytes[i]];
        }

        return new string(chars);
    }

    /// <summary>
    /// GPT-2's reversible byte-to-character table: printable Latin-1 bytes stand for themselves, the other 68 bytes take
    /// the characters from U+0100 on, so every token is printable text without spaces or control characters.
    /// </summary>
    private static char[] ByteToUnicode()
    {
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            table[b] = printable ? (char)b : (char)next++;
        }

        return table;
    }
}
