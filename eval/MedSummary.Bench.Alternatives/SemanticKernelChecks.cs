using System.Text.Json;
using MedSummary.Bench.Checks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace MedSummary.Bench.Alternatives;

/// <summary>
/// Semantic Kernel 1.82.0's prompt templates used as our prompt provider is used: a French value rendered into a
/// prompt, and a JSON-schema response format handed to the model through the kernel.
/// </summary>
internal static class SemanticKernelChecks
{
    public static async Task<List<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();

        var kernel = Kernel.CreateBuilder().Build();
        var template = new KernelPromptTemplateFactory().Create(new PromptTemplateConfig("Statut HER2: {{$her2}}"));
        var rendered = await template.RenderAsync(kernel, new KernelArguments { ["her2"] = "négatif" }, cancellationToken);
        results.Add(new("Semantic Kernel HTML-encodes template variables by default", rendered.Contains("&#", StringComparison.Ordinal),
            $"\"négatif\" rendered as {AdapterChecks.Shorten(rendered)}"));

        // What reaches the model: a recorder stands in for it, since only the options the kernel passes matter here.
        var recorder = new RecordingChatClient();
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IChatClient>(recorder);
        var withModel = builder.Build();
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"value":{"type":"string"}},"required":["value"]}""").RootElement;
        var settings = new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object> { ["response_format"] = ChatResponseFormat.ForJsonSchema(schema, "field") },
        };
        await withModel.InvokePromptAsync("Extrais le statut HER2.", new KernelArguments(settings), cancellationToken: cancellationToken);
        var received = recorder.LastOptions?.ResponseFormat;
        var dropped = received is not ChatResponseFormatJson { Schema: not null };
        results.Add(new("Semantic Kernel drops a ChatResponseFormat JSON schema on the way to the IChatClient", dropped,
            $"PromptExecutionSettings response_format = ChatResponseFormat.ForJsonSchema(...); the IChatClient received {Describe(received)}"));
        return results;
    }

    private static string Describe(ChatResponseFormat? format) => format switch
    {
        null => "no response format",
        ChatResponseFormatJson { Schema: { } s } => $"a JSON schema ({s.GetRawText().Length} characters)",
        ChatResponseFormatJson => "JSON without schema",
        _ => format.GetType().Name,
    };

    private sealed class RecordingChatClient : IChatClient
    {
        public ChatOptions? LastOptions { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            LastOptions = options;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, """{"value":"négatif"}""")));
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var response = await GetResponseAsync(messages, options, cancellationToken);
            foreach (var update in response.ToChatResponseUpdates())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("recorder") : serviceType.IsInstanceOfType(this) ? this : null;

        public void Dispose()
        {
        }
    }
}
