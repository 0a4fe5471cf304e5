using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace MedSummary.Bench;

/// <summary>A sample dossier: a folder's PDFs and text files.</summary>
internal sealed record LoadSample(string Name, IReadOnlyList<(string Name, byte[] Content)> Files);

/// <summary>What the benchmarks that drive the REST API share: the bundled samples, uploads, percentiles, a free port.</summary>
internal static class LoadKit
{
    public static MultipartFormDataContent Multipart(LoadSample sample, string unique)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in sample.Files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        // One more small document with a unique line: the same sample uploaded twice is two dossiers, not a repeat.
        var note = new ByteArrayContent(Encoding.UTF8.GetBytes($"Note de transmission ({unique}) : dossier adressé pour avis en réunion de concertation pluridisciplinaire.\n"));
        note.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(note, "files", "00-note-transmission.txt");
        return form;
    }

    public static double Percentile(List<double> values, int percent)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Each sub-folder is one dossier: its PDFs and text files (truth.json and other gold files are not sent).</summary>
    public static List<LoadSample> LoadSamples(string folder) =>
    [
        .. Directory.GetDirectories(folder).Order(StringComparer.Ordinal)
            .Select(d => new LoadSample(Path.GetFileName(d), [.. Directory.GetFiles(d)
                .Where(f => f.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))]))
            .Where(s => s.Files.Count > 0),
    ];

    public static string? FindSamples()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MedSummary.sln")) && Directory.Exists(Path.Combine(dir.FullName, "samples")))
            {
                return Path.Combine(dir.FullName, "samples");
            }
        }

        return null;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
