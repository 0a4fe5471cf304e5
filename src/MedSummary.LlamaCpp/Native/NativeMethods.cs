using System.Runtime.InteropServices;

namespace MedSummary.LlamaCpp.Native;

/// <summary>The subset of llama.h / ggml-backend.h that MedSummary uses. Library names are resolved by <see cref="LlamaNativeLibrary"/>.</summary>
internal static unsafe partial class NativeMethods
{
    internal const string LlamaLibrary = "llama";
    internal const string GgmlLibrary = "ggml";

    [LibraryImport(GgmlLibrary, EntryPoint = "ggml_backend_load_all_from_path", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void ggml_backend_load_all_from_path(string directory);

    [LibraryImport(GgmlLibrary, EntryPoint = "ggml_backend_dev_count")]
    internal static partial nuint ggml_backend_dev_count();

    [LibraryImport(LlamaLibrary)]
    internal static partial nint llama_version();

    [LibraryImport(LlamaLibrary)]
    internal static partial void llama_backend_init();

    [LibraryImport(LlamaLibrary)]
    internal static partial void llama_log_set(delegate* unmanaged<int, byte*, nint, void> callback, nint userData);

    [LibraryImport(LlamaLibrary)]
    internal static partial LlamaModelParams llama_model_default_params();

    [LibraryImport(LlamaLibrary)]
    internal static partial LlamaContextParams llama_context_default_params();

    [LibraryImport(LlamaLibrary)]
    internal static partial LlamaModelQuantizeParams llama_model_quantize_default_params();

    [LibraryImport(LlamaLibrary)]
    internal static partial LlamaSamplerChainParams llama_sampler_chain_default_params();

    [LibraryImport(LlamaLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint llama_model_load_from_file(string path, LlamaModelParams parameters);

    [LibraryImport(LlamaLibrary)]
    internal static partial void llama_model_free(nint model);

    [LibraryImport(LlamaLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial uint llama_model_quantize(string input, string output, LlamaModelQuantizeParams* parameters);

    [LibraryImport(LlamaLibrary)]
    internal static partial nint llama_init_from_model(nint model, LlamaContextParams parameters);

    [LibraryImport(LlamaLibrary)]
    internal static partial void llama_free(nint context);

    [LibraryImport(LlamaLibrary)]
    internal static partial uint llama_n_ctx(nint context);

    [LibraryImport(LlamaLibrary)]
    internal static partial uint llama_n_batch(nint context);

    [LibraryImport(LlamaLibrary)]
    internal static partial uint llama_n_seq_max(nint context);

    [LibraryImport(LlamaLibrary)]
    internal static partial nint llama_get_memory(nint context);

    [LibraryImport(LlamaLibrary)]
    internal static partial LlamaPoolingType llama_pooling_type(nint context);

    [LibraryImport(LlamaLibrary)]
    internal static partial nint llama_model_get_vocab(nint model);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_model_n_ctx_train(nint model);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_model_n_embd(nint model);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_model_n_embd_out(nint model);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_model_n_layer(nint model);

    [LibraryImport(LlamaLibrary)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool llama_model_has_encoder(nint model);

    [LibraryImport(LlamaLibrary)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool llama_model_has_decoder(nint model);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_model_desc(nint model, byte* buffer, nuint size);

    [LibraryImport(LlamaLibrary)]
    internal static partial ulong llama_model_size(nint model);

    [LibraryImport(LlamaLibrary)]
    internal static partial ulong llama_model_n_params(nint model);

    [LibraryImport(LlamaLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int llama_model_meta_val_str(nint model, string key, byte* buffer, nuint size);

    [LibraryImport(LlamaLibrary)]
    internal static partial nint llama_model_chat_template(nint model, byte* name);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_vocab_n_tokens(nint vocab);

    [LibraryImport(LlamaLibrary)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool llama_vocab_is_eog(nint vocab, int token);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_vocab_eos(nint vocab);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_vocab_bos(nint vocab);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_tokenize(nint vocab, byte* text, int textLength, int* tokens, int maxTokens,
        [MarshalAs(UnmanagedType.U1)] bool addSpecial, [MarshalAs(UnmanagedType.U1)] bool parseSpecial);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_token_to_piece(nint vocab, int token, byte* buffer, int length, int lstrip,
        [MarshalAs(UnmanagedType.U1)] bool special);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_detokenize(nint vocab, int* tokens, int tokenCount, byte* text, int maxLength,
        [MarshalAs(UnmanagedType.U1)] bool removeSpecial, [MarshalAs(UnmanagedType.U1)] bool unparseSpecial);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_chat_apply_template(byte* template, LlamaChatMessage* messages, nuint count,
        [MarshalAs(UnmanagedType.U1)] bool addAssistant, byte* buffer, int length);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_chat_builtin_templates(nint* output, nuint length);

    [LibraryImport(LlamaLibrary)]
    internal static partial LlamaBatch llama_batch_init(int tokenCount, int embeddings, int maxSequences);

    [LibraryImport(LlamaLibrary)]
    internal static partial void llama_batch_free(LlamaBatch batch);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_decode(nint context, LlamaBatch batch);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_encode(nint context, LlamaBatch batch);

    [LibraryImport(LlamaLibrary)]
    internal static partial void llama_set_abort_callback(nint context, delegate* unmanaged<nint, byte> callback, nint data);

    [LibraryImport(LlamaLibrary)]
    internal static partial float* llama_get_logits_ith(nint context, int index);

    [LibraryImport(LlamaLibrary)]
    internal static partial float* llama_get_embeddings_seq(nint context, int sequence);

    [LibraryImport(LlamaLibrary)]
    internal static partial float* llama_get_embeddings_ith(nint context, int index);

    [LibraryImport(LlamaLibrary)]
    internal static partial void llama_memory_clear(nint memory, [MarshalAs(UnmanagedType.U1)] bool data);

    [LibraryImport(LlamaLibrary)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool llama_memory_seq_rm(nint memory, int sequence, int p0, int p1);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_memory_seq_pos_max(nint memory, int sequence);

    // Copies cell membership, not data: with a unified KV cache the destination shares the source's cells.
    [LibraryImport(LlamaLibrary)]
    internal static partial void llama_memory_seq_cp(nint memory, int sourceSequence, int destinationSequence, int p0, int p1);

    [LibraryImport(LlamaLibrary)]
    internal static partial nint llama_sampler_chain_init(LlamaSamplerChainParams parameters);

    [LibraryImport(LlamaLibrary)]
    internal static partial void llama_sampler_chain_add(nint chain, nint sampler);

    [LibraryImport(LlamaLibrary)]
    internal static partial nint llama_sampler_init_greedy();

    [LibraryImport(LlamaLibrary)]
    internal static partial nint llama_sampler_init_dist(uint seed);

    [LibraryImport(LlamaLibrary)]
    internal static partial nint llama_sampler_init_top_k(int k);

    [LibraryImport(LlamaLibrary)]
    internal static partial nint llama_sampler_init_top_p(float p, nuint minKeep);

    [LibraryImport(LlamaLibrary)]
    internal static partial nint llama_sampler_init_temp(float temperature);

    [LibraryImport(LlamaLibrary)]
    internal static partial nint llama_sampler_init_penalties(int lastN, float repeat, float frequency, float presence);

    [LibraryImport(LlamaLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint llama_sampler_init_grammar(nint vocab, string grammar, string root);

    [LibraryImport(LlamaLibrary)]
    internal static partial void llama_sampler_apply(nint sampler, LlamaTokenDataArray* candidates);

    [LibraryImport(LlamaLibrary)]
    internal static partial void llama_sampler_accept(nint sampler, int token);

    [LibraryImport(LlamaLibrary)]
    internal static partial void llama_sampler_free(nint sampler);

    [LibraryImport(LlamaLibrary)]
    internal static partial int llama_sampler_sample(nint sampler, nint context, int index);
}
