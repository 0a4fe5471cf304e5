using MedSummary.Core.Gold;
using MedSummary.Samples.Pdf;

namespace MedSummary.Samples.Generation.Documents;

/// <summary>Laboratory results: one table per sampling date (test, value, unit, reference range, flag).</summary>
internal static class LabReport
{
    public static void Write(DocWriter w)
    {
        var c = w.C;
        var units = Common.UnitsOf(c);
        w.Add(new Letterhead(
            [c.Team.Laboratory, w.L("Biologie médicale - Hématologie - Biochimie", "Haematology and Clinical Biochemistry"), c.Team.Address],
            [w.L("Édité le ", "Printed ") + w.Ctx.NumericDate(w.Ctx.Date)]));
        w.DocTitle("Résultats d'analyses de biologie médicale", "Laboratory results");
        Common.PatientBlock(w);
        var flags = w.R.Pick(("L", "H"), ("*", "*"), ("-", "+"), (w.L("bas", "low"), w.L("haut", "high")));
        var courier = w.R.Chance(0.35);

        // Lab systems print the recent history with the latest results.
        var history = c.Spec.Size switch { DossierSize.Small => 2, DossierSize.Medium => 4, _ => 8 };
        var panels = c.Labs.Where(p => p.Date <= w.Ctx.Date).OrderBy(p => p.Date).TakeLast(history)
            .Union(w.Ctx.Plan.Panels).OrderByDescending(p => p.Date).ToList();
        foreach (var panel in panels)
        {
            w.H(
                $"Prélèvement du {w.Ctx.NumericDate(panel.Date)} à {7 + (panel.Date.DayNumber % 3)}h{10 + (panel.Date.DayNumber % 40)}",
                $"Sample collected {w.Ctx.NumericDate(panel.Date)} {7 + (panel.Date.DayNumber % 3):00}:{10 + (panel.Date.DayNumber % 40)}");
            var rows = new List<TableRow>();
            string? section = null;
            foreach (var result in panel.Results)
            {
                var analyte = Labs.ByKey(result.Analyte);
                var group = Group(result.Analyte, w.Fr);
                if (group != section)
                {
                    section = group;
                    rows.Add(new TableRow([MarkedText.Plain(group)]) { Style = FontStyle.Bold });
                }

                var names = w.Fr ? analyte.French : analyte.English;
                var name = names[0];
                if (result.Analyte == GoldLabs.Hemoglobin && c.Dates == DateStyle.American)
                {
                    name = "Hemoglobin";
                }

                var value = Labs.Display(analyte, result.Value, units);
                var flag = result.Abnormal ? (result.Direction == "low" ? flags.Item1 : flags.Item2) : "";
                var row = new TableRow([
                    MarkedText.Plain(name),
                    MarkedText.Plain(value),
                    MarkedText.Plain(analyte.Unit(units)),
                    MarkedText.Plain(Labs.RangeText(analyte, c.Patient.Sex, units)),
                    MarkedText.Plain(flag),
                ])
                {
                    Style = result.Abnormal && w.R.Chance(0.5) ? FontStyle.Bold : FontStyle.Regular,
                    Marks = result.Abnormal ? [new RowMark(Targets.Lab(result.Analyte, panel.Date), 0, 2)] : [],
                };
                rows.Add(row);
            }

            w.Add(new Table(
                [new(w.L("Analyse", "Test"), 3.2), new(w.L("Résultat", "Result"), 1.1, TextAlign.Right), new(w.L("Unité", "Units"), 1.7), new(w.L("Valeurs de référence", "Reference range"), 1.8), new("", 0.6, TextAlign.Center)],
                rows)
            {
                RowRules = w.R.Chance(0.4),
                Family = courier ? FontFamily.Courier : null,
                Scale = courier ? 0.85 : 0.92,
            });

            var abnormal = panel.Results.Where(r => r.Abnormal).ToList();
            if (abnormal.Count > 0 && w.R.Chance(0.7))
            {
                var b = new MarkedTextBuilder().Append(w.L("Commentaire du biologiste : ", "Comment: "), FontStyle.Italic);
                for (var i = 0; i < abnormal.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(w.L(" ; ", "; "));
                    }

                    b.Append(Common.LabMention(w, panel, abnormal[i]));
                }

                b.Append(w.L(", résultat(s) vérifié(s) et communiqué(s) au service prescripteur.", " - result(s) checked and telephoned to the requesting team."));
                w.P(b.Build());
            }
        }

        w.Spacer(6);
        w.P(w.L(
            "Les valeurs de référence sont celles du laboratoire, établies pour l'adulte. Résultats validés biologiquement.",
            "Reference ranges are the laboratory's adult ranges. Results authorised by a clinical scientist."));
    }

    private static string Group(string analyte, bool fr) => analyte switch
    {
        GoldLabs.Hemoglobin or GoldLabs.Leukocytes or GoldLabs.Neutrophils or "lymphocytes" or GoldLabs.Platelets => fr ? "Hématologie - NFS" : "Full blood count",
        GoldLabs.Sodium or GoldLabs.Potassium or GoldLabs.Creatinine or GoldLabs.Gfr or GoldLabs.Calcium => fr ? "Biochimie sanguine" : "Renal profile and bone",
        GoldLabs.Bilirubin or GoldLabs.Ast or GoldLabs.Alt => fr ? "Bilan hépatique" : "Liver function tests",
        _ => fr ? "Autres" : "Other",
    };
}
