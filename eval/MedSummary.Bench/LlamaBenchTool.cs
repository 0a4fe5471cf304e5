using System.Globalization;
using System.Text.Json;

namespace MedSummary.Bench;

/// <summary>One llama-bench result line: a prompt (pp) or generation (tg) test at a depth, with or without flash attention.</summary>
internal sealed record LlamaBenchResult(string Test, int Depth, bool FlashAttention, double TokensPerSecond, string Commit);

/// <summary>
/// llama.cpp's own llama-bench, compiled from the llama.cpp source of the release our binding loads (the git bundle in
/// npm node-llama-cpp@3.22.1) and linked against the very libllama/libggml files our binding loads, so that the ratio
/// measures our binding and nothing else. Built once into artifacts/llama-bench/ (git-ignored) and reused.
/// </summary>
internal static class LlamaBenchTool
{
    private const string NpmPackage = "node-llama-cpp@3.22.1";
    private const string NativeRelease = "llama-3.22.1";

    /// <summary>Path of the cached llama-bench, building it first when absent; throws with the reason when it cannot.</summary>
    public static async Task<string> EnsureAsync(string repoRoot, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(repoRoot, "artifacts", "llama-bench");
        var bin = Path.Combine(dir, "bin");
        var exe = Path.Combine(bin, "llama-bench");
        if (File.Exists(exe))
        {
            return exe;
        }

        // The libraries the build of src/MedSummary.LlamaCpp fetched and verified (build/LlamaNative.targets).
        var libs = Path.Combine(repoRoot, "artifacts", "native", NativeRelease, "package", "bins", "linux-x64");
        if (!File.Exists(Path.Combine(libs, "libllama-common.so")))
        {
            throw new InvalidOperationException($"the llama.cpp libraries are not in {libs}: build src/MedSummary.LlamaCpp first");
        }

        Directory.CreateDirectory(dir);
        var source = Path.Combine(dir, "src");
        if (!Directory.Exists(Path.Combine(source, "tools", "llama-bench")))
        {
            Console.WriteLine($"llama-bench: fetching the llama.cpp source ({NpmPackage}, llama/gitRelease.bundle) ...");
            var tarball = Directory.GetFiles(dir, "node-llama-cpp-*.tgz").FirstOrDefault();
            if (tarball is null)
            {
                await Run("npm", ["pack", NpmPackage, "--silent"], dir, cancellationToken);
                tarball = Directory.GetFiles(dir, "node-llama-cpp-*.tgz").FirstOrDefault()
                    ?? throw new InvalidOperationException($"npm pack {NpmPackage} produced no tarball in {dir}");
            }

            await Run("tar", ["-xzf", tarball, "package/llama/gitRelease.bundle"], dir, cancellationToken);
            await Run("git", ["clone", "--quiet", Path.Combine(dir, "package", "llama", "gitRelease.bundle"), source], dir, cancellationToken);
        }

        Console.WriteLine("llama-bench: compiling tools/llama-bench against the prebuilt libraries (about a minute) ...");
        Directory.CreateDirectory(bin);
        foreach (var lib in Directory.GetFiles(libs, "lib*.so"))
        {
            // Beside the executable: ggml_backend_load_all() looks for the CPU backend variants there.
            File.Copy(lib, Path.Combine(bin, Path.GetFileName(lib)), overwrite: true);
        }

        var tool = Path.Combine(source, "tools", "llama-bench");
        await Run("g++",
            [
                "-O2", "-std=c++17", "-DNDEBUG", $"-I{tool}", $"-I{Path.Combine(source, "common")}", $"-I{Path.Combine(source, "include")}",
                $"-I{Path.Combine(source, "ggml", "include")}", Path.Combine(tool, "llama-bench.cpp"), Path.Combine(tool, "main.cpp"),
                $"-L{bin}", "-l:libllama-common.so", "-l:libllama.v0.5.0.so", "-l:libggml.v0.5.0.so", "-l:libggml-base.so", "-pthread",
                "-Wl,-rpath,$ORIGIN", "-o", exe + ".partial",
            ],
            dir,
            cancellationToken);
        File.Move(exe + ".partial", exe);
        return exe;
    }

    /// <summary>One llama-bench run: every depth and flash-attention setting once (-r 1), results as JSON lines.</summary>
    public static async Task<IReadOnlyList<LlamaBenchResult>> RunAsync(
        string exe, string model, int threads, int promptTokens, int genTokens, IReadOnlyList<int> depths, IReadOnlyList<bool> flashAttention, CancellationToken cancellationToken)
    {
        var (code, output) = await AlternativesBenchmark.RunProcessAsync(exe,
            [
                "-m", model, "-t", Invariant(threads), "-p", Invariant(promptTokens), "-n", Invariant(genTokens),
                "-d", string.Join(',', depths.Select(Invariant)), "-fa", string.Join(',', flashAttention.Select(f => f ? "1" : "0")),
                "-b", "512", "-ub", "512", "-r", "1", "-o", "jsonl",
            ],
            cancellationToken);
        if (code != 0)
        {
            throw new InvalidOperationException($"llama-bench exited with {code}: {output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()}");
        }

        var results = new List<LlamaBenchResult>();
        foreach (var line in output.Split('\n').Where(l => l.StartsWith('{')))
        {
            using var json = JsonDocument.Parse(line);
            var r = json.RootElement;
            var test = r.GetProperty("n_prompt").GetInt32() > 0 ? "pp" : "tg";
            var fa = r.GetProperty("flash_attn") is { ValueKind: JsonValueKind.True } || (r.GetProperty("flash_attn") is { ValueKind: JsonValueKind.Number } n && n.GetInt32() == 1);
            results.Add(new LlamaBenchResult(test, r.GetProperty("n_depth").GetInt32(), fa, r.GetProperty("avg_ts").GetDouble(), r.GetProperty("build_commit").GetString() ?? "?"));
        }

        return results;
    }

    private static async Task Run(string file, IReadOnlyList<string> args, string directory, CancellationToken cancellationToken)
    {
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = directory;
        try
        {
            var (code, output) = await AlternativesBenchmark.RunProcessAsync(file, args, cancellationToken);
            if (code != 0)
            {
                throw new InvalidOperationException($"{file} exited with {code}: {output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()}");
            }
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
