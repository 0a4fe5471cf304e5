using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Gold;
using MedSummary.Evaluation.Metrics;
using MedSummary.Evaluation.Results;

namespace MedSummary.Evaluation.Tests.Support;

/// <summary>
/// Three hand-built dossiers with known answers (every outcome's count is worked out in the comments), shared by
/// the aggregation, report, result-file and drift tests.
/// </summary>
internal static class Scenario
{
    public static readonly SourceDocument PathologyA = Docs.Create(
        "a-anapath.pdf",
        "Carcinome canalaire infiltrant du sein gauche, grade 2 (SBR). HER2 score 1+.",
        "Compte rendu : tumorectomie droite. Hémoglobine 8,2 g/dL.");

    public static readonly SourceDocument LetterB = Docs.Create("b-letter.txt", "Left breast cancer, grade 2. Creatinine 190 µmol/L.");

    /// <summary>
    /// A: primary_site correct, grade wrong (and its citation lacks the value), her2_status invented, laterality
    /// conflict detected, ecog evaluated but not in the form. Alerts: hemoglobin and laterality found, a platelet
    /// alert that no truth expects, a toxicity alert of a kind gold sets do not annotate. Summary: two sentences,
    /// one with a forged citation.
    /// </summary>
    public static DossierObservation A()
    {
        var truth = new GoldTruth
        {
            Dossier = "a",
            Language = "fr",
            Fields = new Dictionary<string, GoldField>
            {
                ["primary_site"] = GoldField.Of("breast", new GoldQuote { File = "a-anapath.pdf", Page = 1, Text = "sein gauche" }),
                ["grade"] = GoldField.Of("G2"),
                ["her2_status"] = GoldField.NotStated,
                ["laterality"] = GoldField.InConflict(["left", "right"]),
                ["ecog"] = GoldField.Of("1"),
            },
            Alerts =
            [
                new GoldAlert { Kind = GoldAlertKinds.LabAbnormal, About = GoldLabs.Hemoglobin },
                new GoldAlert { Kind = GoldAlertKinds.Contradiction, About = ContractFields.Laterality },
            ],
        };
        var d = PathologyA;
        var summaryGood = Docs.Cite(d, "Carcinome canalaire infiltrant");
        var result = new DossierResult
        {
            Documents = [new DocumentInfo(d.Id, d.FileName, d.PageCount, d.Sha256, "fr")],
            Form = new FormResult
            {
                Fields = new Dictionary<string, FieldResult>
                {
                    ["primary_site"] = Docs.Found("sein", "breast", Docs.Cite(d, "sein")),
                    ["grade"] = Docs.Found("grade 3", "G3", Docs.Cite(d, "grade 2")),
                    ["her2_status"] = Docs.Found("score 1+", "negative", Docs.Cite(d, "score 1+")),
                    ["laterality"] = Docs.Conflict(("gauche", "left", [Docs.Cite(d, "gauche")]), ("droite", "right", [Docs.Cite(d, "droite")])),
                    ["stage"] = FieldResult.NotFound(),
                },
            },
            Alerts =
            [
                new ClinicalAlert("lab_abnormal", "Hémoglobine basse : 8,2 g/dL", [Docs.Cite(d, "Hémoglobine 8,2 g/dL")]),
                new ClinicalAlert("contradiction", "Laterality differs between documents", [Docs.Cite(d, "gauche"), Docs.Cite(d, "droite")]),
                new ClinicalAlert("lab", "Platelets low", [Docs.Cite(d, "HER2")]),
                new ClinicalAlert("toxicity", "Something else", [Docs.Cite(d, "HER2")]),
            ],
            Summary =
            [
                new SummarySentence("A ductal carcinoma.", [summaryGood]),
                new SummarySentence("Forged.", [summaryGood with { Quote = "something else" }]),
            ],
            Processing = new ProcessingInfo { Mode = "rules", Version = "1.2.3" },
        };
        return new DossierObservation("a", truth, result, Docs.ById(d), Files: 2, Seconds: 2.0);
    }

    /// <summary>B: primary_site missed, grade correct, her2_status correctly not found, laterality correct; a creatinine alert missed.</summary>
    public static DossierObservation B()
    {
        var truth = new GoldTruth
        {
            Dossier = "b",
            Language = "en",
            Fields = new Dictionary<string, GoldField>
            {
                ["primary_site"] = GoldField.Of("breast"),
                ["grade"] = GoldField.Of("G2"),
                ["her2_status"] = GoldField.NotStated,
                ["laterality"] = GoldField.Of("left"),
            },
            Alerts = [new GoldAlert { Kind = GoldAlertKinds.LabAbnormal, About = GoldLabs.Creatinine }],
        };
        var d = LetterB;
        var result = new DossierResult
        {
            Documents = [new DocumentInfo(d.Id, d.FileName, d.PageCount, d.Sha256, "en")],
            Form = new FormResult
            {
                Fields = new Dictionary<string, FieldResult>
                {
                    ["primary_site"] = FieldResult.NotFound(),
                    ["grade"] = Docs.Found("grade 2", "G2", Docs.Cite(d, "grade 2")),
                    ["her2_status"] = FieldResult.NotFound(),
                    ["laterality"] = Docs.Found("Left", "left", Docs.Cite(d, "Left")),
                    ["stage"] = FieldResult.NotFound(),
                },
            },
            Processing = new ProcessingInfo { Mode = "rules", Version = "1.2.3" },
        };
        return new DossierObservation("b", truth, result, Docs.ById(d), Files: 1, Seconds: 1.0);
    }

    /// <summary>C: the pipeline failed; primary_site (stated) is therefore missed.</summary>
    public static DossierObservation C() => new(
        "c",
        new GoldTruth { Dossier = "c", Language = "en", Fields = new Dictionary<string, GoldField> { ["primary_site"] = GoldField.Of("lung") } },
        new DossierResult(),
        null,
        Files: 3,
        Seconds: 0.5,
        Failure: "InvalidOperationException: boom");

    public static IReadOnlyList<DossierEvaluation> Evaluations() => [DossierScorer.Score(A()), DossierScorer.Score(B()), DossierScorer.Score(C())];

    public static EvaluationRun Run(IReadOnlyList<DossierEvaluation>? dossiers = null, string truthHash = "t1", string? label = null)
    {
        dossiers ??= Evaluations();
        var started = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        return new EvaluationRun
        {
            Tool = new ToolInfo { Version = "9.9.9+test", PipelineVersions = ["1.2.3"] },
            StartedAt = started,
            FinishedAt = started.AddSeconds(4),
            GoldSet = new GoldSetInfo { Path = "gold", Dossiers = dossiers.Count, TruthSha256 = truthHash, FilesSha256 = "f1" },
            Configuration = new RunConfiguration { Mode = "rules", Label = label },
            Metrics = RunAggregator.Aggregate(dossiers),
            Dossiers = dossiers,
        };
    }
}
