using MedSummary.Testing.Imaging;
using MedSummary.Testing.Pdf;

namespace MedSummary.Testing.Fuzzing;

/// <summary>
/// The sample PDFs fuzzing starts from: ordinary documents of the kinds ingestion reads (text reports with tables,
/// several pages with running headers, encrypted without a password, a scanned page) and the hostile ones.
/// </summary>
public static class FuzzSeeds
{
    public static IReadOnlyList<(string Name, byte[] Pdf)> Create(bool includeScan = true)
    {
        var seeds = new List<(string, byte[])>
        {
            ("report", Report().Build()),
            ("dossier", Dossier(6)),
            ("restricted", Report().BuildEncrypted(userPassword: "")),
            ("javascript", HostilePdfs.JavaScriptAndAttachment()),
            ("reference-cycle", HostilePdfs.ReferenceCycle()),
            ("recursive-forms", HostilePdfs.MutuallyRecursiveForms()),
            ("page-tree-loop", HostilePdfs.PageTreeLoop()),
            ("broken-xref", HostilePdfs.BrokenXref()),
        };
        if (includeScan)
        {
            // A small, coarse scan keeps each OCR'd mutation quick.
            var image = GrayImage.RenderPdfPage(Report().Build(), dpi: 100);
            seeds.Add(("scan", new TestPdf().Page(p => p.Image(image, 0, 0, TestPdf.A4Width, TestPdf.A4Height)).Build()));
        }

        return seeds;
    }

    private static TestPdf Report() => new TestPdf().Page(p =>
    {
        p.Text(72, 770, "COMPTE RENDU ANATOMOPATHOLOGIQUE", 14, bold: true)
            .Lines(72, 740, TestPdf.Wrap("Carcinome canalaire infiltrant de 22 mm, grade 2. Classification pT2 pN1a M0. Récepteurs hormonaux exprimés.", 450, 11), 11, 14);
        var y = 680.0;
        foreach (var (marker, value) in new[] { ("RE", "90 %"), ("RP", "40 %"), ("HER2", "négatif"), ("Ki-67", "25 %") })
        {
            p.Text(90, y, marker, 11).Text(250, y, value, 11);
            y -= 15;
        }
    });

    private static byte[] Dossier(int pages)
    {
        var pdf = new TestPdf();
        for (var n = 1; n <= pages; n++)
        {
            var number = n;
            pdf.Page(p => p
                .Text(72, 810, "Centre Hospitalier — Oncologie", 8)
                .TextRightAligned(523, 810, $"Page {number}/{pages}", 8)
                .Lines(72, 760, TestPdf.Wrap($"Consultation {number} : la patiente va bien, poursuite du traitement par hormonothérapie. Examen clinique sans particularité.", 450, 11), 11, 14));
        }

        return pdf.Build();
    }
}
