using MedSummary.Core.Contract;
using MedSummary.Core.Gold;
using MedSummary.Samples.Generation;
using MedSummary.Samples.Generation.Documents;
using MedSummary.Samples.Pdf;

namespace MedSummary.Samples;

/// <summary>
/// Generates a synthetic referral dossier (PDFs and plain-text exports) and its truth from a <see cref="SampleSpec"/>.
/// Deterministic: the same spec gives byte-identical files. No real patient data is involved.
/// </summary>
public static class SampleDossierGenerator
{
    public static GeneratedDossier Generate(SampleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var c = CaseBuilder.Build(spec);
        var styleRng = new Rng(Rng.Derive(spec.Seed, "style"));
        var styles = PlanStyles(c, styleRng);
        var files = new List<(GeneratedFile File, RenderedDocument Rendered, PlannedDocument Plan)>();
        for (var i = 0; i < c.Documents.Count; i++)
        {
            var plan = c.Documents[i];
            var style = styles[i];
            var ctx = new DocContext(c, plan, new Rng(Rng.Derive(spec.Seed, $"doc:{i}:{plan.Key}:{plan.Sequence}")));
            var writer = new DocWriter(ctx);
            Write(writer, style.TwoColumns);
            StateConflicts(writer);
            var blocks = writer.Blocks;
            if (style.TwoColumns && plan.Key != DocKeys.ResectionPathology)
            {
                blocks = WrapInColumns(blocks);
            }

            if (style.Typographic)
            {
                // Word processors turn ' into ’; one character for one, so marks stay where they are.
                blocks = Typography.Apply(blocks, '\'', '’');
            }

            if (style.Noisy)
            {
                blocks = new OcrNoise(ctx.R.Fork("noise"), spec.Noise).Apply(blocks);
            }

            var name = $"{i + 1:00}-{Stem(plan, c.IsFrench)}.{(style.AsText ? "txt" : "pdf")}";
            var layout = new LayoutDocument
            {
                Metadata = new PdfMetadata(writer.Title, c.Team.Hospital, CreatorFor(styleRng, i), plan.Date),
                Blocks = blocks,
                Family = style.Family,
                BodySize = style.BodySize,
                MarginLeft = style.Margin,
                MarginRight = style.Margin - 6,
                Header = style.RunningHeaders ? HeaderLine(c, writer) : null,
                Footer = style.RunningHeaders || style.PageFooter ? FooterLine(c, writer, style) : null,
                HeaderOnFirstPage = style.HeaderOnFirstPage,
            };
            var rendered = style.AsText ? PlainTextRenderer.Render(layout) : PdfLayoutEngine.Render(layout);
            var file = new GeneratedFile(name, style.AsText ? GeneratedFile.TextMediaType : GeneratedFile.PdfMediaType, rendered.Bytes, rendered.Pages)
            {
                Kind = plan.Kind,
                TwoColumns = !style.AsText && blocks.Any(b => b is Columns),
                RunningHeaders = style.RunningHeaders && !style.AsText,
                Noisy = style.Noisy,
                Scan = spec.Scans.FirstOrDefault(scan => scan.FileName == name && !style.AsText),
            };
            files.Add((file, rendered, plan));
        }

        foreach (var scan in spec.Scans.Where(scan => !files.Any(f => f.File.Scan == scan)))
        {
            throw new ArgumentException($"{spec.Name}: the scan of '{scan.FileName}' names no PDF of the dossier.", nameof(spec));
        }

        var truth = TruthBuilder.Build(c, files.Select(f => (f.File, f.Rendered, f.Plan)).ToList());
        var dossier = new GeneratedDossier(spec.Name, files.Select(f => f.File).ToList(), truth);
        return spec.MisfiledSeed is { } seed ? MisfiledDocument.Add(dossier, spec, seed) : dossier;
    }

    private static void Write(DocWriter w, bool twoColumns)
    {
        switch (w.Ctx.Key)
        {
            case DocKeys.Referral:
                Letters.Referral(w);
                break;
            case DocKeys.InitialConsultation:
                Letters.InitialConsultation(w);
                break;
            case DocKeys.FollowUp:
                Letters.FollowUp(w);
                break;
            case DocKeys.FinalConsultation:
                Letters.FinalConsultation(w);
                break;
            case DocKeys.RadiotherapySummary:
                Letters.RadiotherapySummary(w);
                break;
            case DocKeys.DiagnosticImaging:
            case DocKeys.Endoscopy:
                Imaging.Diagnostic(w);
                break;
            case DocKeys.BreastMri:
                Imaging.BreastMri(w);
                break;
            case DocKeys.StagingCt:
                Imaging.StagingCt(w);
                break;
            case DocKeys.PetCt:
                Imaging.PetCt(w);
                break;
            case DocKeys.BoneScan:
                Imaging.BoneScan(w);
                break;
            case DocKeys.BrainMri:
                Imaging.BrainMri(w);
                break;
            case DocKeys.PelvicMri:
                Imaging.PelvicMri(w);
                break;
            case DocKeys.Evaluation:
                Imaging.Evaluation(w);
                break;
            case DocKeys.BiopsyPathology:
                Pathology.Biopsy(w);
                break;
            case DocKeys.ResectionPathology:
                Pathology.Resection(w, twoColumns);
                break;
            case DocKeys.Operative:
                Operative.Report(w);
                break;
            case DocKeys.Labs:
                LabReport.Write(w);
                break;
            case DocKeys.Discharge:
                Letters.Discharge(w);
                break;
            case DocKeys.Nursing:
                Letters.NursingNotes(w);
                break;
            default:
                throw new InvalidOperationException($"No writer for document '{w.Ctx.Key}'.");
        }
    }

    /// <summary>
    /// A document chosen to contradict the truth must state the contradicting value somewhere; when its
    /// templates happened not to, a recap line is added before the signature.
    /// </summary>
    private static void StateConflicts(DocWriter w)
    {
        foreach (var (field, plan) in w.C.Conflicts)
        {
            if (!plan.AlternativeDocuments.Contains(w.Ctx.Key))
            {
                continue;
            }

            var target = Targets.Field(field, plan.AlternativeValue);
            if (AllMarks(w.Blocks).Any(m => m == target))
            {
                continue;
            }

            var slot = field switch
            {
                ContractFields.Laterality => "{Site}",
                ContractFields.PathologicT => "{pt}",
                ContractFields.PathologicN => "{pn}",
                ContractFields.ErStatus => "{Er}",
                ContractFields.Her2Status => "{Her2}",
                ContractFields.Grade => "{Grade}",
                ContractFields.Histology => "{Histology}",
                ContractFields.ClinicalN => "{cn}",
                ContractFields.ClinicalT => "{ct}",
                ContractFields.GleasonScore => "{Gleason}",
                GoldFields.EgfrStatus => "{Egfr}",
                GoldFields.KrasStatus => "{Kras}",
                _ => "{Psa}",
            };
            var text = w.TryRender(w.Fr ? $"Rappel : {slot}." : $"Summary: {slot}.");
            if (text is not null)
            {
                w.Blocks.Insert(Math.Max(0, w.Blocks.Count - 2), new Paragraph(text));
            }
        }
    }

    internal static IEnumerable<string> AllMarks(IEnumerable<Block> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Paragraph p:
                    foreach (var m in p.Text.Marks)
                    {
                        yield return m.Target;
                    }

                    break;
                case Heading h:
                    foreach (var m in h.Text.Marks)
                    {
                        yield return m.Target;
                    }

                    break;
                case Table t:
                    foreach (var row in t.Rows)
                    {
                        foreach (var m in row.Marks)
                        {
                            yield return m.Target;
                        }

                        foreach (var m in row.Cells.SelectMany(c => c.Marks))
                        {
                            yield return m.Target;
                        }
                    }

                    break;
                case Columns c:
                    foreach (var m in AllMarks(c.Blocks))
                    {
                        yield return m;
                    }

                    break;
                case Letterhead l:
                    foreach (var m in l.Left.Concat(l.Right).SelectMany(t => t.Marks))
                    {
                        yield return m.Target;
                    }

                    break;
            }
        }
    }

    /// <summary>Everything after the identification block flows in two columns (documents with tables stay in one).</summary>
    private static List<Block> WrapInColumns(List<Block> blocks)
    {
        var start = blocks.FindIndex(b => b is Heading { Level: 2 });
        if (start < 0 || blocks.Any(b => b is Table))
        {
            return blocks;
        }

        var result = blocks.Take(start).ToList();
        result.Add(new Columns(blocks.Skip(start).ToList()));
        return result;
    }

    private sealed record DocStyle(
        bool AsText,
        bool TwoColumns,
        bool RunningHeaders,
        bool HeaderOnFirstPage,
        bool PageFooter,
        bool Noisy,
        bool Typographic,
        FontFamily Family,
        double BodySize,
        double Margin);

    private static List<DocStyle> PlanStyles(ClinicalCase c, Rng rng)
    {
        var spec = c.Spec;
        var docs = c.Documents;
        // Plain-text exports: preferably letters and consultations, as hospital systems export them.
        var textCandidates = Enumerable.Range(0, docs.Count)
            .OrderBy(i => docs[i].Kind is GoldDocumentKinds.Consultation or GoldDocumentKinds.ReferralLetter ? 0 : 1)
            .ThenBy(_ => rng.Between(0, 1000))
            .Take(Math.Min(spec.TextExports, Math.Max(0, docs.Count - 2)))
            .ToHashSet();
        var twoColumnPick = -1;
        if (spec.TwoColumns == true)
        {
            twoColumnPick = docs.FindIndex(d => d.Key == DocKeys.ResectionPathology);
            if (twoColumnPick < 0 || textCandidates.Contains(twoColumnPick))
            {
                twoColumnPick = Enumerable.Range(0, docs.Count).First(i => !textCandidates.Contains(i) && docs[i].Kind == GoldDocumentKinds.Consultation);
            }
        }

        var styles = new List<DocStyle>();
        for (var i = 0; i < docs.Count; i++)
        {
            var asText = textCandidates.Contains(i);
            var twoColumns = !asText && docs[i].Kind != GoldDocumentKinds.LabResults
                && (i == twoColumnPick || (spec.TwoColumns != false && rng.Chance(spec.TwoColumns == true ? 0.1 : 0.12)));
            var running = !asText && (spec.RunningHeaders ?? rng.Chance(0.5));
            // Drawn whatever the spec, so that a dossier with and without noise differs only by the noise.
            var noisyDraw = rng.Chance(spec.NoisyDocumentShare);
            styles.Add(new DocStyle(
                asText,
                twoColumns,
                running,
                spec.RunningHeaders == true || rng.Chance(0.4),
                rng.Chance(0.6),
                spec.Noise > 0 && noisyDraw,
                c.IsFrench && rng.Chance(0.5),
                rng.Chance(0.6) ? FontFamily.Helvetica : FontFamily.Times,
                rng.Pick(9.5, 10.0, 10.0, 10.5, 11.0),
                rng.Pick(56.0, 62.0, 68.0)));
        }

        return styles;
    }

    private static string CreatorFor(Rng rng, int index) =>
        ((index + rng.Between(0, 3)) % 4) switch
        {
            0 => "DxCare Reports",
            1 => "Crossway Editique",
            2 => "WinPath Enterprise",
            _ => "Orbis Document Server",
        };

    private static RunningLine HeaderLine(ClinicalCase c, DocWriter w)
    {
        var p = c.Patient;
        var dob = DateText.Numeric(p.BirthDate, c.Dates);
        return c.IsFrench
            ? new RunningLine(c.Team.HospitalShort, "", $"Patient{(p.IsFemale ? "e" : "")} : {p.Initials} - né{(p.IsFemale ? "e" : "")} le {dob}")
            : new RunningLine(c.Team.HospitalShort, "", $"Patient: {p.Initials}  DOB {dob}");
    }

    private static RunningLine FooterLine(ClinicalCase c, DocWriter w, DocStyle style)
    {
        var page = style.Margin > 60 ? "Page {page}/{pages}" : c.IsFrench ? "Page {page} sur {pages}" : "Page {page} of {pages}";

        var dash = w.Title.IndexOf(" - ", StringComparison.Ordinal);
        return new RunningLine(dash > 0 ? w.Title[..dash] : w.Title, "", page);
    }

    private static string Stem(PlannedDocument plan, bool fr)
    {
        var stem = (plan.Key, fr) switch
        {
            (DocKeys.Referral, true) => "courrier-adressage",
            (DocKeys.Referral, false) => "referral-letter",
            (DocKeys.DiagnosticImaging, true) => "imagerie-diagnostique",
            (DocKeys.DiagnosticImaging, false) => "diagnostic-imaging",
            (DocKeys.Endoscopy, true) => "coloscopie",
            (DocKeys.Endoscopy, false) => "colonoscopy",
            (DocKeys.BreastMri, true) => "irm-mammaire",
            (DocKeys.BreastMri, false) => "breast-mri",
            (DocKeys.StagingCt, true) => "scanner-bilan-extension",
            (DocKeys.StagingCt, false) => "staging-ct",
            (DocKeys.PetCt, true) => "tep-tdm",
            (DocKeys.PetCt, false) => "pet-ct",
            (DocKeys.BoneScan, true) => "scintigraphie-osseuse",
            (DocKeys.BoneScan, false) => "bone-scan",
            (DocKeys.BrainMri, true) => "irm-cerebrale",
            (DocKeys.BrainMri, false) => "brain-mri",
            (DocKeys.PelvicMri, true) => "irm-pelvienne",
            (DocKeys.PelvicMri, false) => "pelvic-mri",
            (DocKeys.Evaluation, true) => "scanner-evaluation",
            (DocKeys.Evaluation, false) => "response-ct",
            (DocKeys.BiopsyPathology, true) => "anapath-biopsie",
            (DocKeys.BiopsyPathology, false) => "pathology-biopsy",
            (DocKeys.ResectionPathology, true) => "anapath-piece-operatoire",
            (DocKeys.ResectionPathology, false) => "pathology-resection",
            (DocKeys.Operative, true) => "compte-rendu-operatoire",
            (DocKeys.Operative, false) => "operation-note",
            (DocKeys.InitialConsultation, true) => "consultation-oncologie",
            (DocKeys.InitialConsultation, false) => "oncology-consultation",
            (DocKeys.FollowUp, true) => "consultation-suivi",
            (DocKeys.FollowUp, false) => "follow-up-consultation",
            (DocKeys.FinalConsultation, true) => "consultation-surveillance",
            (DocKeys.FinalConsultation, false) => "review-consultation",
            (DocKeys.Labs, true) => "bilan-biologique",
            (DocKeys.Labs, false) => "laboratory-results",
            (DocKeys.RadiotherapySummary, true) => "fin-radiotherapie",
            (DocKeys.Discharge, true) => "compte-rendu-hospitalisation",
            (DocKeys.Discharge, false) => "discharge-summary",
            (DocKeys.Nursing, true) => "transmissions-infirmieres",
            (DocKeys.Nursing, false) => "nursing-notes",
            _ => "radiotherapy-summary",
        };
        return stem;
    }
}
