using System.Buffers.Binary;
using System.Globalization;
using MedSummary.LlamaCpp.Gguf;

namespace MedSummary.Testing.Gguf;

/// <summary>Shape of a random-weight decoder chat model written by <see cref="SyntheticGgufModels"/>.</summary>
public sealed record SyntheticChatModelSpec
{
    /// <summary>"llama" or "qwen2" (qwen2 adds q/k/v biases).</summary>
    public string Architecture { get; init; } = "llama";

    public int EmbeddingLength { get; init; } = 64;

    public int Layers { get; init; } = 2;

    public int Heads { get; init; } = 4;

    public int KvHeads { get; init; } = 2;

    public int FeedForwardLength { get; init; } = 128;

    public int ContextLength { get; init; } = 2048;

    /// <summary>
    /// Total vocabulary size. A synthetic vocabulary is padded with synthetic words up to it; a real one is padded with
    /// unused "[PAD{id}]" entries as converted Qwen models are, or cut to its lowest ranks when smaller.
    /// </summary>
    public int VocabularySize { get; init; } = 1024;

    /// <summary>Which tokenizer the model carries. Default <see cref="SyntheticVocabulary.Synthetic"/> (a few-hundred-piece SPM).</summary>
    public SyntheticVocabulary Vocabulary { get; init; } = SyntheticVocabulary.Synthetic;

    /// <summary>Tie the output projection to the token embeddings (Qwen2.5-0.5B does).</summary>
    public bool TiedEmbeddings { get; init; }

    public GgmlType WeightType { get; init; } = GgmlType.F32;

    public int Seed { get; init; } = 1234;

    public float RopeFrequencyBase { get; init; } = 10000f;

    public string Name { get; init; } = "medsummary-synthetic-chat";

    /// <summary>Jinja-looking chatml template: llama.cpp recognises chatml from its markers.</summary>
    public string ChatTemplate { get; init; } =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>Shapes of Qwen2.5-0.5B-Instruct (random weights) with a real BPE vocabulary, for speed measurements.</summary>
    public static SyntheticChatModelSpec Qwen25HalfB { get; } = new()
    {
        Architecture = "qwen2",
        EmbeddingLength = 896,
        Layers = 24,
        Heads = 14,
        KvHeads = 2,
        FeedForwardLength = 4864,
        ContextLength = 32768,
        VocabularySize = 151936,
        Vocabulary = SyntheticVocabulary.Cl100kBase,
        TiedEmbeddings = true,
        WeightType = GgmlType.F16,
        RopeFrequencyBase = 1_000_000f,
        Name = "synthetic-qwen2.5-0.5b-shapes",
    };

    /// <summary>Shapes of Qwen2.5-1.5B-Instruct (random weights) with a real BPE vocabulary, for speed measurements.</summary>
    public static SyntheticChatModelSpec Qwen25OnePointFiveB { get; } = Qwen25HalfB with
    {
        EmbeddingLength = 1536,
        Layers = 28,
        Heads = 12,
        KvHeads = 2,
        FeedForwardLength = 8960,
        Name = "synthetic-qwen2.5-1.5b-shapes",
    };
}

/// <summary>The tokenizer a synthetic chat model is written with.</summary>
public enum SyntheticVocabulary
{
    /// <summary>A small SPM vocabulary of clinical words and characters (French reads at about 1.2 characters a token).</summary>
    Synthetic,

    /// <summary>
    /// cl100k_base as a byte-level BPE ("gpt2" tokenizer, "qwen2" pre-tokenizer) plus the chatml control tokens: the
    /// base Qwen2's vocabulary grew from, giving real characters per token for French and English.
    /// </summary>
    Cl100kBase,
}

/// <summary>Shape of a random-weight BERT-style embedder written by <see cref="SyntheticGgufModels"/>.</summary>
public sealed record SyntheticEmbedderSpec
{
    public int EmbeddingLength { get; init; } = 64;

    public int Layers { get; init; } = 2;

    public int Heads { get; init; } = 4;

    public int FeedForwardLength { get; init; } = 128;

    public int ContextLength { get; init; } = 512;

    public int Seed { get; init; } = 4321;

    /// <summary>llama_pooling_type stored as <c>bert.pooling_type</c> (1 = mean, 2 = CLS).</summary>
    public int PoolingType { get; init; } = 1;
}

/// <summary>
/// Writes small GGUF models with random weights and a real tokenizer vocabulary, so that tests and benchmarks drive
/// the genuine llama.cpp code paths without any downloaded weights. Outputs are meaningless text; shapes, tokenizer,
/// chat template and special tokens are real.
/// </summary>
public static class SyntheticGgufModels
{
    /// <summary>Token ids fixed by the chat vocabulary.</summary>
    public const int UnknownToken = 0;
    public const int BosToken = 1;
    public const int EosToken = 2;
    public const int ImStartToken = 3;
    public const int ImEndToken = 4;

    private const string SpaceMarker = "\u2581";

    // Token types (llama_token_type).
    private const int Normal = 1;
    private const int Unknown = 2;
    private const int Control = 3;
    private const int Unused = 5;
    private const int Byte = 6;

    private static readonly string[] Words =
    [
        "the", "of", "and", "patient", "tumor", "cancer", "stage", "grade", "biopsy", "carcinoma", "adenocarcinoma",
        "breast", "lung", "colon", "prostate", "metastasis", "lymph", "node", "positive", "negative", "receptor",
        "estrogen", "progesterone", "HER2", "Ki-67", "TNM", "pT2", "pN0", "M0", "chemotherapy", "radiotherapy",
        "surgery", "le", "la", "les", "de", "des", "du", "et", "patiente", "tumeur", "cancer", "sein", "poumon",
        "biopsie", "ganglion", "stade", "traitement", "examen", "compte", "rendu", "diagnostic", "date", "age", "ans",
        "mm", "cm", "mg", "name", "value", "true", "false", "null", "found", "not", "quote", "page", "document",
    ];

    private static readonly string[] JsonPieces =
    [
        "{", "}", "[", "]", "\"", ":", ",", "{\"", "\":", "\",", "\"}", "\":\"", "\",\"", "\"]", "[\"", "null", "true", "false",
    ];

    /// <summary>
    /// Path of the tiny chat model for <paramref name="spec"/> (default: a few-MB llama model), written once into a
    /// per-machine cache under the temp folder and reused by later calls and processes.
    /// </summary>
    public static string GetOrCreateChatModel(SyntheticChatModelSpec? spec = null)
    {
        spec ??= new SyntheticChatModelSpec();
        return GetOrCreate("chat", spec.ToString(), path => WriteChatModel(path, spec));
    }

    /// <summary>Path of the tiny BERT embedder for <paramref name="spec"/>, cached like <see cref="GetOrCreateChatModel"/>.</summary>
    public static string GetOrCreateEmbedder(SyntheticEmbedderSpec? spec = null)
    {
        spec ??= new SyntheticEmbedderSpec();
        return GetOrCreate("embedder", spec.ToString(), path => WriteEmbedder(path, spec));
    }

    private static string GetOrCreate(string kind, string description, Action<string> write)
    {
        // Bump when the writer changes what it produces for the same spec.
        const int FormatRevision = 2;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{FormatRevision}|{description}")))[..16];
        var directory = Path.Combine(Path.GetTempPath(), "medsummary-synthetic-models");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{kind}-{hash}.gguf");
        if (!File.Exists(path))
        {
            // Written under a unique name then moved: concurrent test processes never see a half-written file.
            var temp = Path.Combine(directory, $"{kind}-{hash}.{Guid.NewGuid():N}.partial");
            write(temp);
            File.Move(temp, path, overwrite: true);
        }

        return path;
    }

    /// <summary>Writes a decoder chat model (the spec's vocabulary, chatml template) to <paramref name="path"/>.</summary>
    public static void WriteChatModel(string path, SyntheticChatModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Architecture is not ("llama" or "qwen2"))
        {
            throw new ArgumentException($"architecture '{spec.Architecture}' is not supported (llama or qwen2)", nameof(spec));
        }

        var arch = spec.Architecture;
        var headDim = spec.EmbeddingLength / spec.Heads;
        var kvDim = headDim * spec.KvHeads;
        var writer = new GgufWriter()
            .Add("general.architecture", arch)
            .Add("general.name", spec.Name)
            .Add("general.file_type", spec.WeightType == GgmlType.F16 ? 1u : 0u)
            .Add($"{arch}.context_length", (uint)spec.ContextLength)
            .Add($"{arch}.embedding_length", (uint)spec.EmbeddingLength)
            .Add($"{arch}.block_count", (uint)spec.Layers)
            .Add($"{arch}.feed_forward_length", (uint)spec.FeedForwardLength)
            .Add($"{arch}.attention.head_count", (uint)spec.Heads)
            .Add($"{arch}.attention.head_count_kv", (uint)spec.KvHeads)
            .Add($"{arch}.attention.layer_norm_rms_epsilon", 1e-6f)
            .Add($"{arch}.rope.freq_base", spec.RopeFrequencyBase);
        var types = spec.Vocabulary switch
        {
            SyntheticVocabulary.Synthetic => AddSpmVocabulary(writer, spec.VocabularySize),
            SyntheticVocabulary.Cl100kBase => AddBpeVocabulary(writer, ByteLevelBpeVocabulary.Cl100kBase, ByteLevelBpeVocabulary.Cl100kPreTokenizer, spec.VocabularySize),
            _ => throw new ArgumentException($"vocabulary {spec.Vocabulary} is not supported", nameof(spec)),
        };
        writer
            .Add("tokenizer.ggml.add_bos_token", false)
            .Add("tokenizer.chat_template", spec.ChatTemplate);

        var random = new SplitMix(spec.Seed);
        var w = spec.WeightType;
        var vocab = types.Count;
        var scale = 1f / MathF.Sqrt(spec.EmbeddingLength);
        writer.AddTensor("token_embd.weight", w, [spec.EmbeddingLength, vocab], s => WriteRandom(s, w, (long)spec.EmbeddingLength * vocab, 1f, random));
        writer.AddTensor("output_norm.weight", GgmlType.F32, [spec.EmbeddingLength], s => WriteConstant(s, spec.EmbeddingLength, 1f));
        if (!spec.TiedEmbeddings)
        {
            // Control tokens get an all-zero output row (logit exactly 0) so greedy decoding of random weights
            // practically never ends a turn early, while sampling still can.
            writer.AddTensor("output.weight", w, [spec.EmbeddingLength, vocab], s =>
            {
                for (var row = 0; row < vocab; row++)
                {
                    var zero = types[row] is Control or Unknown or Unused;
                    WriteRandom(s, w, spec.EmbeddingLength, zero ? 0f : scale * 3f, random);
                }
            });
        }

        for (var i = 0; i < spec.Layers; i++)
        {
            var e = spec.EmbeddingLength;
            var ff = spec.FeedForwardLength;
            var attnScale = 1f / MathF.Sqrt(e);
            var ffScale = 1f / MathF.Sqrt(ff);
            writer.AddTensor($"blk.{i}.attn_norm.weight", GgmlType.F32, [e], s => WriteConstant(s, e, 1f));
            writer.AddTensor($"blk.{i}.attn_q.weight", w, [e, e], s => WriteRandom(s, w, (long)e * e, attnScale, random));
            writer.AddTensor($"blk.{i}.attn_k.weight", w, [e, kvDim], s => WriteRandom(s, w, (long)e * kvDim, attnScale, random));
            writer.AddTensor($"blk.{i}.attn_v.weight", w, [e, kvDim], s => WriteRandom(s, w, (long)e * kvDim, attnScale, random));
            if (arch == "qwen2")
            {
                writer.AddTensor($"blk.{i}.attn_q.bias", GgmlType.F32, [e], s => WriteRandom(s, GgmlType.F32, e, 0.02f, random));
                writer.AddTensor($"blk.{i}.attn_k.bias", GgmlType.F32, [kvDim], s => WriteRandom(s, GgmlType.F32, kvDim, 0.02f, random));
                writer.AddTensor($"blk.{i}.attn_v.bias", GgmlType.F32, [kvDim], s => WriteRandom(s, GgmlType.F32, kvDim, 0.02f, random));
            }

            writer.AddTensor($"blk.{i}.attn_output.weight", w, [e, e], s => WriteRandom(s, w, (long)e * e, attnScale, random));
            writer.AddTensor($"blk.{i}.ffn_norm.weight", GgmlType.F32, [e], s => WriteConstant(s, e, 1f));
            writer.AddTensor($"blk.{i}.ffn_gate.weight", w, [e, ff], s => WriteRandom(s, w, (long)e * ff, attnScale, random));
            writer.AddTensor($"blk.{i}.ffn_up.weight", w, [e, ff], s => WriteRandom(s, w, (long)e * ff, attnScale, random));
            writer.AddTensor($"blk.{i}.ffn_down.weight", w, [ff, e], s => WriteRandom(s, w, (long)ff * e, ffScale, random));
        }

        writer.Write(path);
    }

    /// <summary>Writes a BERT-architecture embedder (WordPiece vocabulary, declared pooling) to <paramref name="path"/>.</summary>
    public static void WriteEmbedder(string path, SyntheticEmbedderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var tokens = BuildWordPieceVocabulary();
        var e = spec.EmbeddingLength;
        var ff = spec.FeedForwardLength;
        var writer = new GgufWriter()
            .Add("general.architecture", "bert")
            .Add("general.name", "medsummary-synthetic-embedder")
            .Add("general.file_type", 0u)
            .Add("bert.context_length", (uint)spec.ContextLength)
            .Add("bert.embedding_length", (uint)e)
            .Add("bert.block_count", (uint)spec.Layers)
            .Add("bert.feed_forward_length", (uint)ff)
            .Add("bert.attention.head_count", (uint)spec.Heads)
            .Add("bert.attention.layer_norm_epsilon", 1e-12f)
            .Add("bert.attention.causal", false)
            .Add("bert.pooling_type", (uint)spec.PoolingType)
            .Add("tokenizer.ggml.model", "bert")
            .Add("tokenizer.ggml.tokens", tokens)
            .Add("tokenizer.ggml.token_type", tokens.Select(t => t.StartsWith('[') ? Control : Normal).ToList())
            .Add("tokenizer.ggml.token_type_count", 2u)
            .Add("tokenizer.ggml.padding_token_id", 0u)
            .Add("tokenizer.ggml.unknown_token_id", 1u)
            .Add("tokenizer.ggml.bos_token_id", 2u)
            .Add("tokenizer.ggml.seperator_token_id", 3u)
            .Add("tokenizer.ggml.mask_token_id", 4u)
            .Add("tokenizer.ggml.add_bos_token", true)
            .Add("tokenizer.ggml.add_sep_token", true);

        var random = new SplitMix(spec.Seed);
        var f = GgmlType.F32;
        var scale = 1f / MathF.Sqrt(e);
        writer.AddTensor("token_embd.weight", f, [e, tokens.Count], s => WriteRandom(s, f, (long)e * tokens.Count, 1f, random));
        writer.AddTensor("token_types.weight", f, [e, 2], s => WriteRandom(s, f, e * 2L, 0.1f, random));
        writer.AddTensor("position_embd.weight", f, [e, spec.ContextLength], s => WriteRandom(s, f, (long)e * spec.ContextLength, 0.1f, random));
        writer.AddTensor("token_embd_norm.weight", f, [e], s => WriteConstant(s, e, 1f));
        writer.AddTensor("token_embd_norm.bias", f, [e], s => WriteConstant(s, e, 0f));
        for (var i = 0; i < spec.Layers; i++)
        {
            foreach (var name in new[] { "attn_q", "attn_k", "attn_v", "attn_output" })
            {
                writer.AddTensor($"blk.{i}.{name}.weight", f, [e, e], s => WriteRandom(s, f, (long)e * e, scale, random));
                writer.AddTensor($"blk.{i}.{name}.bias", f, [e], s => WriteRandom(s, f, e, 0.02f, random));
            }

            writer.AddTensor($"blk.{i}.attn_output_norm.weight", f, [e], s => WriteConstant(s, e, 1f));
            writer.AddTensor($"blk.{i}.attn_output_norm.bias", f, [e], s => WriteConstant(s, e, 0f));
            writer.AddTensor($"blk.{i}.ffn_up.weight", f, [e, ff], s => WriteRandom(s, f, (long)e * ff, scale, random));
            writer.AddTensor($"blk.{i}.ffn_up.bias", f, [ff], s => WriteRandom(s, f, ff, 0.02f, random));
            writer.AddTensor($"blk.{i}.ffn_down.weight", f, [ff, e], s => WriteRandom(s, f, (long)ff * e, 1f / MathF.Sqrt(ff), random));
            writer.AddTensor($"blk.{i}.ffn_down.bias", f, [e], s => WriteRandom(s, f, e, 0.02f, random));
            writer.AddTensor($"blk.{i}.layer_output_norm.weight", f, [e], s => WriteConstant(s, e, 1f));
            writer.AddTensor($"blk.{i}.layer_output_norm.bias", f, [e], s => WriteConstant(s, e, 0f));
        }

        writer.Write(path);
    }

    private static List<int> AddSpmVocabulary(GgufWriter writer, int size)
    {
        var (tokens, scores, types) = BuildSpmVocabulary(size);
        writer
            .Add("tokenizer.ggml.model", "llama")
            .Add("tokenizer.ggml.tokens", tokens)
            .Add("tokenizer.ggml.scores", scores)
            .Add("tokenizer.ggml.token_type", types)
            .Add("tokenizer.ggml.bos_token_id", (uint)BosToken)
            .Add("tokenizer.ggml.eos_token_id", (uint)ImEndToken)
            .Add("tokenizer.ggml.unknown_token_id", (uint)UnknownToken)
            .Add("tokenizer.ggml.add_space_prefix", false);
        return types;
    }

    /// <summary>
    /// Laid out as Qwen2 lays out its own: the BPE tokens by rank, then &lt;|endoftext|&gt;, &lt;|im_start|&gt; and
    /// &lt;|im_end|&gt; as control tokens, then unused padding up to <paramref name="size"/>.
    /// </summary>
    private static List<int> AddBpeVocabulary(GgufWriter writer, ByteLevelBpeVocabulary vocabulary, string preTokenizer, int size)
    {
        string[] specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"];
        if (size < 256 + specials.Length)
        {
            throw new ArgumentException($"vocabulary size {size} cannot hold the 256 byte tokens and {specials.Length} control tokens", nameof(size));
        }

        // Cutting a BPE vocabulary to its lowest ranks keeps it valid: every merge's parts rank below its result.
        var bpeCount = Math.Min(vocabulary.Tokens.Count, size - specials.Length);
        var tokens = vocabulary.Tokens.Take(bpeCount).ToList();
        var kept = new HashSet<string>(tokens, StringComparer.Ordinal);
        var merges = bpeCount == vocabulary.Tokens.Count
            ? vocabulary.Merges.ToList()
            : vocabulary.Merges.Where(m => kept.Contains(m.Replace(" ", string.Empty, StringComparison.Ordinal))).ToList();
        var types = Enumerable.Repeat(Normal, bpeCount).ToList();
        tokens.AddRange(specials);
        types.AddRange(specials.Select(_ => Control));
        while (tokens.Count < size)
        {
            tokens.Add(string.Create(CultureInfo.InvariantCulture, $"[PAD{tokens.Count}]"));
            types.Add(Unused);
        }

        var endOfText = (uint)bpeCount;
        writer
            .Add("tokenizer.ggml.model", "gpt2")
            .Add("tokenizer.ggml.pre", preTokenizer)
            .Add("tokenizer.ggml.tokens", tokens)
            .Add("tokenizer.ggml.token_type", types)
            .Add("tokenizer.ggml.merges", merges)
            .Add("tokenizer.ggml.bos_token_id", endOfText)
            .Add("tokenizer.ggml.eos_token_id", endOfText + 2)
            .Add("tokenizer.ggml.padding_token_id", endOfText);
        return types;
    }

    private static (List<string> Tokens, List<float> Scores, List<int> Types) BuildSpmVocabulary(int size)
    {
        var tokens = new List<string> { "<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>" };
        var types = new List<int> { Unknown, Control, Control, Control, Control };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add(string.Create(CultureInfo.InvariantCulture, $"<0x{b:X2}>"));
            types.Add(Byte);
        }

        var seen = new HashSet<string>(tokens, StringComparer.Ordinal);
        void AddPiece(string piece)
        {
            if (seen.Add(piece))
            {
                tokens.Add(piece);
                types.Add(Normal);
            }
        }

        AddPiece(SpaceMarker);
        for (var c = 33; c < 127; c++)
        {
            AddPiece(((char)c).ToString());
        }

        foreach (var p in "éèàçùêâôîœ")
        {
            AddPiece(p.ToString());
        }

        foreach (var piece in JsonPieces)
        {
            AddPiece(piece);
            AddPiece(SpaceMarker + piece);
        }

        foreach (var word in Words)
        {
            AddPiece(word);
            AddPiece(SpaceMarker + word);
        }

        // SPM merges only through pieces present in the vocabulary, so add the two-letter prefixes of the words.
        foreach (var word in Words.Where(w => w.Length > 2))
        {
            for (var len = 2; len < word.Length; len++)
            {
                AddPiece(word[..len]);
                AddPiece(SpaceMarker + word[..len]);
            }
        }

        for (var i = 0; tokens.Count < size; i++)
        {
            AddPiece(string.Create(CultureInfo.InvariantCulture, $"{SpaceMarker}w{i}"));
        }

        if (tokens.Count > size)
        {
            throw new ArgumentException($"vocabulary size {size} is below the {tokens.Count} built-in pieces", nameof(size));
        }

        // Longer pieces score higher so SPM prefers whole words over characters.
        var scores = tokens.Select((t, i) => types[i] == Normal ? t.Length - (i * 1e-6f) : 0f).ToList();
        return (tokens, scores, types);
    }

    private static List<string> BuildWordPieceVocabulary()
    {
        // llama.cpp stores WordPiece vocabularies with a phantom-space marker on word starts and bare continuations.
        var tokens = new List<string> { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" };
        var seen = new HashSet<string>(tokens, StringComparer.Ordinal);
        void Add(string t)
        {
            if (seen.Add(t))
            {
                tokens.Add(t);
            }
        }

        for (var c = 33; c < 127; c++)
        {
            var ch = char.ToLowerInvariant((char)c).ToString();
            Add(SpaceMarker + ch);
            Add(ch);
        }

        foreach (var word in Words)
        {
            Add(SpaceMarker + word.ToLowerInvariant());
        }

        return tokens;
    }

    private static void WriteConstant(Stream stream, long count, float value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(buffer, value);
        for (long i = 0; i < count; i++)
        {
            stream.Write(buffer);
        }
    }

    private static void WriteRandom(Stream stream, GgmlType type, long count, float scale, SplitMix random)
    {
        var size = type == GgmlType.F32 ? 4 : 2;
        var buffer = new byte[64 * 1024 * size];
        while (count > 0)
        {
            var n = (int)Math.Min(count, 64 * 1024);
            for (var i = 0; i < n; i++)
            {
                var value = random.NextSymmetric() * scale;
                if (type == GgmlType.F32)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4), value);
                }
                else if (type == GgmlType.F16)
                {
                    BinaryPrimitives.WriteHalfLittleEndian(buffer.AsSpan(i * 2), (Half)value);
                }
                else
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(i * 2), (ushort)(BitConverter.SingleToUInt32Bits(value) >> 16));
                }
            }

            stream.Write(buffer, 0, n * size);
            count -= n;
        }
    }

    /// <summary>Small deterministic generator: identical files for identical specs on every machine.</summary>
    private sealed class SplitMix(int seed)
    {
        private ulong _state = (ulong)seed * 0x9E3779B97F4A7C15UL + 1;

        /// <summary>Uniform in [-√3, √3): unit variance.</summary>
        public float NextSymmetric()
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            var unit = (z >> 40) * (1.0f / (1 << 24));
            return (unit * 2f - 1f) * 1.7320508f;
        }
    }
}
