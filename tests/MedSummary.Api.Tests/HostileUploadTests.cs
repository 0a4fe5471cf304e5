using System.Text.Json.Nodes;
using MedSummary.Api.Tests.Infrastructure;
using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

/// <summary>
/// Hostile PDFs uploaded through the real service with a valid key: each is refused at once with its problem, or
/// accepted and failed by its job with the file's error code, and after each one the other tenant's dossier is
/// still served. A PDF parsed inside the service would end this test process (a stack overflow cannot be caught).
/// </summary>
public sealed class HostileUploadTests
{
    /// <summary>The PDF workers get 256 MiB each here, so that the inflation bombs are refused the same way on any machine.</summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["MedSummary:Ingestion:Isolation:MemoryLimitMiB"] = "256",
    };

    /// <summary>What a hostile file may also come to: read (PdfPig walks a deep page tree without recursion).</summary>
    private const string Read = "read";

    /// <summary>File, status of the upload, and the code: of the problem (4xx), or of the document once its job is done (202).</summary>
    private static readonly (string Name, int Status, string Code)[] Cases =
    [
        ("reference-cycle.pdf", 202, "parser_crashed"),
        ("recursive-forms.pdf", 202, "parser_crashed"),
        ("deep-page-tree.pdf", 202, Read),
        ("deep-form-chain.pdf", 202, "parser_crashed"),
        ("deep-content-nesting.pdf", 202, "corrupt_pdf"),
        ("flate-bomb.pdf", 202, "no_text"),
        ("graphics-state-bomb.pdf", 202, "too_large"),
        ("blank-pages.pdf", 202, "no_text"),
        ("password.pdf", 202, "encrypted_pdf"),
        ("huge-page-count.pdf", 422, "too_many_pages"),
        ("huge-image.pdf", 413, "too_large"),
        ("truncated.pdf", 422, "corrupt_pdf"),
    ];

    private static byte[] Build(string name) => name switch
    {
        "reference-cycle.pdf" => HostilePdfs.ReferenceCycle(),
        "recursive-forms.pdf" => HostilePdfs.MutuallyRecursiveForms(),
        "deep-page-tree.pdf" => HostilePdfs.DeepPageTree(),
        "deep-form-chain.pdf" => HostilePdfs.DeepFormChain(),
        "deep-content-nesting.pdf" => HostilePdfs.DeepContentNesting(),
        "flate-bomb.pdf" => HostilePdfs.FlateBomb(512),
        "graphics-state-bomb.pdf" => HostilePdfs.GraphicsStateBomb(),
        "blank-pages.pdf" => HostilePdfs.BlankPages(2000),
        "password.pdf" => new TestPdf().Page(p => p.Text(72, 700, "Confidentiel.", 12)).BuildEncrypted("secret"),
        "huge-page-count.pdf" => HostilePdfs.HugePageCount(100_000),
        "huge-image.pdf" => HostilePdfs.HugeImage(),
        "truncated.pdf" => TestDossiers.Truncated(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Fact]
    public async Task Every_hostile_pdf_gets_its_code_and_another_tenants_dossier_is_served_after_each()
    {
        using var host = new ApiHost(Settings);
        using var oncology = host.Client();
        using var cardiology = host.Client(ApiHost.CardiologyKey);
        var bystander = await BystanderAsync(cardiology);

        foreach (var (name, status, code) in Cases)
        {
            using var response = await oncology.PostAsync("/v1/dossiers", ApiCalls.Form([(name, Build(name))]));
            if (status == 202)
            {
                var body = await response.Content.ReadAsStringAsync();
                ((int)response.StatusCode).ShouldBe(202, $"{name}: {body}");
                var finished = await oncology.WaitFinishedAsync(JsonNode.Parse(body)!["id"]!.GetValue<string>(), TimeSpan.FromMinutes(3));
                if (code == Read)
                {
                    finished["documents"]![0]!["status"]!.GetValue<string>().ShouldBe(Read, $"{name}: {finished.ToJsonString()}");
                }
                else
                {
                    finished["status"]!.GetValue<string>().ShouldBe("failed", name);
                    var error = finished["documents"]![0]!["error"];
                    error.ShouldNotBeNull($"{name}: {finished.ToJsonString()}");
                    error["code"]!.GetValue<string>().ShouldBe(code, $"{name}: {error.ToJsonString()}");
                    error["message"]!.GetValue<string>().ShouldStartWith(name + ":");
                    error["message"]!.GetValue<string>().ShouldNotContain("\n");
                }
            }
            else
            {
                var problem = await response.ShouldBeProblemAsync(status, code);
                problem["detail"]!.GetValue<string>().ShouldStartWith(name + ":");
            }

            using var form = await cardiology.GetAsync($"/v1/dossiers/{bystander}/form");
            ((int)form.StatusCode).ShouldBe(200, $"the other tenant's form after {name}");
        }
    }

    /// <summary>The well-behaved tenant's dossier, processed to the end before the attack.</summary>
    private static async Task<string> BystanderAsync(HttpClient cardiology)
    {
        var accepted = await cardiology.UploadAsync(TestDossiers.Small(900));
        var id = accepted["id"]!.GetValue<string>();
        (await cardiology.WaitFinishedAsync(id))["status"]!.GetValue<string>().ShouldBe("completed");
        return id;
    }
}
