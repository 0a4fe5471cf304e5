using MedSummary.Ingestion.Ocr;
using MedSummary.Ingestion.Pdf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Ocr;

public sealed class OcrRegistrationTests
{
    [Fact]
    public void The_registration_binds_the_section_and_plugs_tesseract_into_the_pdf_reader()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MedSummary:Ocr:Languages"] = "fra",
            ["MedSummary:Ocr:Dpi"] = "200",
            ["MedSummary:Ocr:MaxParallelism"] = "3",
        }).Build();
        using var provider = new ServiceCollection()
            .AddMedSummaryIngestion()
            .AddMedSummaryOcr(configuration.GetSection(OcrOptions.SectionName))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<OcrOptions>>().Value;
        (options.Languages, options.Dpi, options.MaxParallelism).ShouldBe(("fra", 200, 3));
        provider.GetRequiredService<IPageTextFallback>().ShouldBeOfType<TesseractOcr>();
        var status = provider.GetRequiredService<OcrStatus>();
        status.Available.ShouldBeTrue(status.Problem);
        status.InstalledLanguages.ShouldContain("fra");
        status.InstalledLanguages.ShouldContain("eng");
        status.TesseractVersion.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Missing_tools_stop_the_start_with_a_message_naming_them_and_how_to_fix_it()
    {
        using var provider = new ServiceCollection()
            .AddMedSummaryOcr(o => o.TesseractPath = "/nonexistent/tesseract")
            .BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain("tesseract ('/nonexistent/tesseract') could not be found");
        error.Message.ShouldContain("apt-get install tesseract-ocr");
        error.Message.ShouldContain("MedSummary:Ocr:Enabled=false");
    }

    [Fact]
    public void A_language_without_its_data_stops_the_start_and_ocr_switched_off_needs_no_tools()
    {
        using var missingLanguage = new ServiceCollection().AddMedSummaryOcr(o => o.Languages = "fra+xyz").BuildServiceProvider();
        using var off = new ServiceCollection()
            .AddMedSummaryOcr(o => (o.Enabled, o.TesseractPath, o.PdftoppmPath) = (false, "/nonexistent/tesseract", "/nonexistent/pdftoppm"))
            .BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => missingLanguage.GetRequiredService<IStartupValidator>().Validate())
            .Message.ShouldContain("language data for xyz is not installed");
        off.GetRequiredService<IStartupValidator>().Validate();
        off.GetRequiredService<OcrStatus>().Enabled.ShouldBeFalse();
    }

    [Fact]
    public void Invalid_values_are_each_reported()
    {
        var options = new OcrOptions
        {
            Languages = "fra+",
            Dpi = 50,
            MaxParallelism = 0,
            PageTimeout = TimeSpan.Zero,
            MaxPixels = 10,
            ToolMemoryLimitMiB = -1,
        };

        // "fra+" is "fra": an empty language is ignored. Dpi, MinDpi (above Dpi), parallelism, timeout, pixels, memory.
        options.Validate().Count.ShouldBe(6);
        new OcrOptions { Languages = "fra;rm -rf" }.Validate().ShouldHaveSingleItem().ShouldContain(nameof(OcrOptions.Languages));
        Should.Throw<OptionsValidationException>(() => new TesseractOcr(options));
    }
}
