using System.Text.Json;
using MedSummary.Bench.Alternatives;

// Child process of `dotnet run --project eval/MedSummary.Bench -c Release -- alternatives`: one measurement or check
// per invocation, its figures written as JSON to --out so that library log lines on stdout never mix with them.
if (args.Length == 0 || Arg(args, "--out") is not { } output)
{
    Console.Error.WriteLine("usage: MedSummary.Bench.Alternatives <speed|embedder|chat-client|grammar|sk-templates> --out FILE [args]");
    return 2;
}

using var cts = new CancellationTokenSource();
object result = args[0] switch
{
    "speed" => LlamaSharpSpeed.Run(
        Arg(args, "--model")!, File.ReadAllText(Arg(args, "--prompt-file")!), int.Parse(Arg(args, "--threads") ?? "1"),
        int.Parse(Arg(args, "--gen-tokens") ?? "64"), int.Parse(Arg(args, "--reps") ?? "3")),
    "embedder" => await LlamaSharpAdapters.EmbedderAsync(Arg(args, "--model")!, cts.Token),
    "chat-client" => await LlamaSharpAdapters.ChatClientAsync(Arg(args, "--model")!, cts.Token),
    "grammar" => await LlamaSharpAdapters.InvalidGrammarAsync(Arg(args, "--model")!),
    "sk-templates" => await SemanticKernelChecks.RunAsync(cts.Token),
    _ => throw new ArgumentException($"unknown check '{args[0]}'"),
};

File.WriteAllText(output, JsonSerializer.Serialize(result, result.GetType(), new JsonSerializerOptions
{
    WriteIndented = true,
    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
}));
return 0;

static string? Arg(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
