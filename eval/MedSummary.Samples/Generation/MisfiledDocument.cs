using System.Globalization;
using MedSummary.Core.Gold;

namespace MedSummary.Samples.Generation;

/// <summary>
/// Files one report of another patient in a dossier, as a mis-sorted scan or a wrong upload would: the report is
/// written for the case another seed draws, by the same writers, and keeps that patient's identity block.
/// </summary>
internal static class MisfiledDocument
{
    /// <summary>The kinds of report taken from the other patient's dossier, first found first: they carry an identity block.</summary>
    private static readonly string[] Kinds = [GoldDocumentKinds.Imaging, GoldDocumentKinds.LabResults, GoldDocumentKinds.Pathology];

    public static GeneratedDossier Add(GeneratedDossier dossier, SampleSpec spec, int seed)
    {
        var other = SampleDossierGenerator.Generate(spec with { Seed = seed, MisfiledSeed = null, ConflictFields = [], Scans = [] });
        var ours = dossier.Truth.Patient!;
        var theirs = other.Truth.Patient!;
        if (ours.Name == theirs.Name || ours.BirthDate == theirs.BirthDate || ours.Identifier == theirs.Identifier)
        {
            throw new ArgumentException($"{spec.Name}: misfiled seed {seed} draws a patient who shares a name, birth date or number with the dossier's; choose another.", nameof(seed));
        }

        var source = Kinds
            .Select(kind => other.Files.FirstOrDefault(f => f.IsPdf && f.Kind == kind && IdentityQuote(f, theirs) is not null))
            .First(f => f is not null)!;
        var name = string.Create(CultureInfo.InvariantCulture, $"{dossier.Files.Count + 1:00}-{source.FileName[(source.FileName.IndexOf('-', StringComparison.Ordinal) + 1)..]}");
        var misfiled = source with { FileName = name };

        // The dossier's own patient, cited from the first of its reports with an identity block.
        var own = dossier.Files.Where(f => f.IsPdf).Select(f => (File: f, Quote: IdentityQuote(f, ours))).First(x => x.Quote is not null);
        var sourceEntry = other.Truth.Files.Single(f => f.Name == source.FileName);
        var truth = dossier.Truth with
        {
            Files = [.. dossier.Truth.Files, sourceEntry with { Name = name }],
            Alerts =
            [
                .. dossier.Truth.Alerts,
                new GoldAlert
                {
                    Kind = GoldAlertKinds.DifferentPatients,
                    About = name,
                    Quotes = [own.Quote!, IdentityQuote(misfiled, theirs)!],
                },
            ],
        };
        return dossier with { Files = [.. dossier.Files, misfiled], Truth = truth };
    }

    /// <summary>The line of a file's first page that gives the patient's hospital number (the identity block), as a quote.</summary>
    private static GoldQuote? IdentityQuote(GeneratedFile file, GoldPatient patient)
    {
        var page = file.Pages[0];
        var line = page.BodyText.Split('\n').FirstOrDefault(l => patient.Identifier is { } id && l.Contains(id, StringComparison.Ordinal));
        return line is null ? null : new GoldQuote { File = file.FileName, Page = page.Number, Text = line.Trim() };
    }
}
