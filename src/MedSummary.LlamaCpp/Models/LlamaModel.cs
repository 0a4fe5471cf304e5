using System.Runtime.InteropServices;
using System.Text;
using MedSummary.LlamaCpp.Gguf;
using MedSummary.LlamaCpp.Native;

namespace MedSummary.LlamaCpp.Models;

/// <summary>A GGUF model loaded by llama.cpp: weights, vocabulary, chat template. Thread-safe for tokenization and metadata.</summary>
public sealed unsafe class LlamaModel : IDisposable
{
    private readonly SafeLlamaModelHandle _handle;
    private readonly Lazy<byte[][]> _pieces;
    private readonly Lazy<TokenPrefixTree> _prefixTree;

    private LlamaModel(string path, SafeLlamaModelHandle handle)
    {
        Path = path;
        _handle = handle;
        _pieces = new Lazy<byte[][]>(BuildPieces);
        _prefixTree = new Lazy<TokenPrefixTree>(() => TokenPrefixTree.Build(this));
        var model = handle.DangerousGetHandle();
        Vocab = NativeMethods.llama_model_get_vocab(model);
        VocabularySize = NativeMethods.llama_vocab_n_tokens(Vocab);
        TrainContextLength = NativeMethods.llama_model_n_ctx_train(model);
        EmbeddingLength = NativeMethods.llama_model_n_embd(model);
        OutputEmbeddingLength = NativeMethods.llama_model_n_embd_out(model);
        LayerCount = NativeMethods.llama_model_n_layer(model);
        HasEncoder = NativeMethods.llama_model_has_encoder(model);
        HasDecoder = NativeMethods.llama_model_has_decoder(model);
        SizeBytes = NativeMethods.llama_model_size(model);
        ParameterCount = NativeMethods.llama_model_n_params(model);
        var template = NativeMethods.llama_model_chat_template(model, null);
        ChatTemplate = template == nint.Zero ? null : Marshal.PtrToStringUTF8(template);
        Architecture = GetMetadata("general.architecture") ?? "unknown";
        Name = GetMetadata("general.name");
        Span<byte> buffer = stackalloc byte[256];
        fixed (byte* b = buffer)
        {
            var n = NativeMethods.llama_model_desc(model, b, (nuint)buffer.Length);
            Description = n > 0 ? Encoding.UTF8.GetString(buffer[..Math.Min(n, buffer.Length - 1)]) : Architecture;
        }
    }

    public string Path { get; }

    public string Architecture { get; }

    public string? Name { get; }

    /// <summary>llama.cpp's one-line description, e.g. "qwen2 0.5B Q4_K - Medium".</summary>
    public string Description { get; }

    public int VocabularySize { get; }

    public int TrainContextLength { get; }

    public int EmbeddingLength { get; }

    public int OutputEmbeddingLength { get; }

    public int LayerCount { get; }

    public bool HasEncoder { get; }

    public bool HasDecoder { get; }

    public ulong SizeBytes { get; }

    public ulong ParameterCount { get; }

    /// <summary>The template stored in the GGUF (<c>tokenizer.chat_template</c>), or null.</summary>
    public string? ChatTemplate { get; }

    internal nint Vocab { get; }

    internal SafeLlamaModelHandle Handle => _handle;

    /// <summary>
    /// Loads a GGUF file. A missing file gives <see cref="FileNotFoundException"/> naming the path; a file llama.cpp
    /// refuses gives <see cref="LlamaModelLoadException"/> with llama.cpp's own reason.
    /// </summary>
    public static LlamaModel Load(string path, bool useMemoryMap = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException(
                $"GGUF model file '{fullPath}' not found. Download one (see models/README.md; `medsummary models pull <url> --sha256 <hash>`) or fix the configured path.",
                fullPath);
        }

        // A quick header read turns "not a model at all" into a clear message before native code sees the file.
        try
        {
            _ = GgufReader.Read(fullPath);
        }
        catch (InvalidDataException ex)
        {
            throw new LlamaModelLoadException($"'{fullPath}' is not a readable GGUF model: {ex.Message}", ex);
        }

        LlamaNativeLibrary.EnsureInitialized();
        var parameters = NativeMethods.llama_model_default_params();
        parameters.GpuLayerCount = 0;
        parameters.LoadMode = useMemoryMap ? 1 : 0;
        _ = LlamaNativeLibrary.TakeLastError();
        var handle = NativeMethods.llama_model_load_from_file(fullPath, parameters);
        if (handle == nint.Zero)
        {
            var reason = LlamaNativeLibrary.TakeLastError() ?? "no reason given";
            throw new LlamaModelLoadException($"llama.cpp could not load '{fullPath}': {reason}");
        }

        return new LlamaModel(fullPath, new SafeLlamaModelHandle(handle));
    }

    /// <summary>A GGUF metadata value as text (scalars only), or null.</summary>
    public string? GetMetadata(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var size = 256;
        while (true)
        {
            var buffer = new byte[size];
            int n;
            fixed (byte* b = buffer)
            {
                n = NativeMethods.llama_model_meta_val_str(_handle.DangerousGetHandle(), key, b, (nuint)size);
            }

            if (n < 0)
            {
                return null;
            }

            if (n < size)
            {
                return Encoding.UTF8.GetString(buffer, 0, n);
            }

            size = n + 1;
        }
    }

    /// <summary>Tokenizes UTF-8 text. <paramref name="addSpecial"/> adds BOS/EOS as the model wants; <paramref name="parseSpecial"/> lets "&lt;|im_start|&gt;" map to its control token.</summary>
    public int[] Tokenize(string text, bool addSpecial = false, bool parseSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var capacity = bytes.Length + 8;
        while (true)
        {
            var tokens = new int[capacity];
            int n;
            fixed (byte* t = bytes)
            fixed (int* o = tokens)
            {
                n = NativeMethods.llama_tokenize(Vocab, t, bytes.Length, o, capacity, addSpecial, parseSpecial);
            }

            if (n >= 0)
            {
                return n == capacity ? tokens : tokens[..n];
            }

            if (n == int.MinValue)
            {
                throw new InvalidOperationException("text too long to tokenize");
            }

            capacity = -n;
        }
    }

    /// <summary>Turns tokens back into text.</summary>
    public string Detokenize(ReadOnlySpan<int> tokens, bool removeSpecial = false, bool unparseSpecial = false)
    {
        var capacity = Math.Max(16, tokens.Length * 8);
        while (true)
        {
            var buffer = new byte[capacity];
            int n;
            fixed (int* t = tokens)
            fixed (byte* b = buffer)
            {
                n = NativeMethods.llama_detokenize(Vocab, t, tokens.Length, b, capacity, removeSpecial, unparseSpecial);
            }

            if (n >= 0)
            {
                return Encoding.UTF8.GetString(buffer, 0, n);
            }

            capacity = -n;
        }
    }

    /// <summary>The bytes one token stands for (control tokens render empty unless <paramref name="special"/>).</summary>
    public int TokenToPiece(int token, Span<byte> buffer, bool special = false)
    {
        fixed (byte* b = buffer)
        {
            return NativeMethods.llama_token_to_piece(Vocab, token, b, buffer.Length, 0, special);
        }
    }

    /// <summary>Beginning-of-sequence token id, or -1.</summary>
    public int BosToken => NativeMethods.llama_vocab_bos(Vocab);

    /// <summary>The bytes of every token (control tokens empty), built once; used to keep sampled output valid UTF-8.</summary>
    internal byte[][] TokenPieces => _pieces.Value;

    /// <summary>The vocabulary by longest token prefix, built on the first grammar search that needs it.</summary>
    internal TokenPrefixTree PrefixTree => _prefixTree.Value;

    public bool IsEndOfGeneration(int token) => NativeMethods.llama_vocab_is_eog(Vocab, token);

    /// <summary>Declared pooling of an embedding model (<c>{arch}.pooling_type</c>), or null when it declares none.</summary>
    public LlamaPoolingType? DeclaredPooling =>
        int.TryParse(GetMetadata($"{Architecture}.pooling_type"), out var p) ? (LlamaPoolingType)p : null;

    /// <summary>
    /// Renders messages with <paramref name="template"/> (a built-in name such as "chatml", or a template text that
    /// llama.cpp recognises), defaulting to the model's own. Throws <see cref="NotSupportedException"/> naming the
    /// built-in templates when llama.cpp does not recognise it.
    /// </summary>
    public string ApplyChatTemplate(IReadOnlyList<KeyValuePair<string, string>> messages, bool addAssistantPrefix, string? template = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        template ??= ChatTemplate ?? throw new NotSupportedException(
            $"model '{Path}' carries no chat template; configure one of the built-in templates ({string.Join(", ", BuiltinChatTemplates())}).");

        var handles = new List<nint>(messages.Count * 2 + 1);
        try
        {
            var native = new LlamaChatMessage[messages.Count];
            var length = 0;
            for (var i = 0; i < messages.Count; i++)
            {
                var role = Marshal.StringToCoTaskMemUTF8(messages[i].Key);
                var content = Marshal.StringToCoTaskMemUTF8(messages[i].Value);
                handles.Add(role);
                handles.Add(content);
                native[i] = new LlamaChatMessage { Role = role, Content = content };
                length += Encoding.UTF8.GetByteCount(messages[i].Value) + Encoding.UTF8.GetByteCount(messages[i].Key);
            }

            var tmpl = Marshal.StringToCoTaskMemUTF8(template);
            handles.Add(tmpl);
            var capacity = (length * 2) + 256;
            while (true)
            {
                var buffer = new byte[capacity];
                int n;
                fixed (LlamaChatMessage* m = native)
                fixed (byte* b = buffer)
                {
                    n = NativeMethods.llama_chat_apply_template((byte*)tmpl, m, (nuint)native.Length, addAssistantPrefix, b, capacity);
                }

                if (n < 0)
                {
                    throw new NotSupportedException(
                        $"llama.cpp does not recognise the chat template of '{Path}'; configure one of the built-in templates ({string.Join(", ", BuiltinChatTemplates())}).");
                }

                if (n <= capacity)
                {
                    return Encoding.UTF8.GetString(buffer, 0, n);
                }

                capacity = n;
            }
        }
        finally
        {
            foreach (var h in handles)
            {
                Marshal.FreeCoTaskMem(h);
            }
        }
    }

    /// <summary>Names of the chat templates llama.cpp knows (usable as a template override).</summary>
    public static IReadOnlyList<string> BuiltinChatTemplates()
    {
        LlamaNativeLibrary.EnsureInitialized();
        var count = NativeMethods.llama_chat_builtin_templates(null, 0);
        var names = new nint[count];
        fixed (nint* n = names)
        {
            NativeMethods.llama_chat_builtin_templates(n, (nuint)count);
        }

        return names.Select(p => Marshal.PtrToStringUTF8(p) ?? string.Empty).ToArray();
    }

    public void Dispose() => _handle.Dispose();

    private byte[][] BuildPieces()
    {
        var pieces = new byte[VocabularySize][];
        Span<byte> buffer = stackalloc byte[128];
        for (var i = 0; i < pieces.Length; i++)
        {
            var n = TokenToPiece(i, buffer);
            if (n < 0)
            {
                var big = new byte[-n];
                n = TokenToPiece(i, big);
                pieces[i] = big[..n];
            }
            else
            {
                pieces[i] = buffer[..n].ToArray();
            }
        }

        return pieces;
    }
}

/// <summary>llama.cpp refused a model file; the message names the file and gives llama.cpp's reason.</summary>
public sealed class LlamaModelLoadException : Exception
{
    public LlamaModelLoadException()
    {
    }

    public LlamaModelLoadException(string message)
        : base(message)
    {
    }

    public LlamaModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
