using System.Globalization;
using System.Text;
using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;

namespace MedSummary.Retrieval.Tests.TestSupport;

internal enum Alteration
{
    EgfrExon19Deletion,
    EgfrL858R,
    KrasG12C,
    AlkRearrangement,
    None,
}

/// <summary>A document of a generated dossier: its full text and its chunks (one per paragraph, exact spans and pages).</summary>
internal sealed record GeneratedDocument(string Id, string FileName, string Text, IReadOnlyList<Chunk> Chunks);

internal sealed record GeneratedDossier(string Tenant, string Id, Alteration Alteration, IReadOnlyList<GeneratedDocument> Documents)
{
    public IReadOnlyList<Chunk> Chunks => Documents.SelectMany(d => d.Chunks).ToList();

    public IReadOnlyDictionary<string, string> FileNames => Documents.ToDictionary(d => d.Id, d => d.FileName);
}

/// <summary>
/// Lung cancer referral dossiers for several tenants, each with a pathology report (molecular biology on page 2)
/// and a tumor-board note. Dossier ids repeat across tenants ("d01" exists in each), as they would in separate
/// hospitals. A tenant's texts carry its own marker word so that a leak would be visible.
/// </summary>
internal static class GeneratedDossiers
{
    public static IReadOnlyList<GeneratedDossier> Create(IReadOnlyList<(string Tenant, int Dossiers)> tenants)
    {
        var dossiers = new List<GeneratedDossier>();
        var alterations = Enum.GetValues<Alteration>();
        for (var t = 0; t < tenants.Count; t++)
        {
            var (tenant, count) = tenants[t];
            for (var i = 0; i < count; i++)
            {
                var alteration = alterations[(i + t) % alterations.Length];
                var id = "d" + (i + 1).ToString("00", CultureInfo.InvariantCulture);
                var marker = Marker(tenant);
                dossiers.Add(new GeneratedDossier(tenant, id, alteration,
                [
                    Document($"{tenant}-{id}-anapath", "anapath.pdf", Pathology(alteration, marker, 20 + (7 * i))),
                    Document($"{tenant}-{id}-rcp", "rcp.pdf", TumorBoard(alteration, marker, i)),
                ]));
            }
        }

        return dossiers;
    }

    public static string Marker(string tenant) => "marqueur" + new string(tenant.Where(char.IsLetter).ToArray());

    private static string Mutation(Alteration alteration) => alteration switch
    {
        Alteration.EgfrExon19Deletion => "Mise en évidence d'une délétion de l'exon 19 du gène EGFR (EGFR exon 19 deletion, p.E746_A750del), mutation activatrice.",
        Alteration.EgfrL858R => "Mutation EGFR p.L858R de l'exon 21, sensibilisante aux inhibiteurs de tyrosine kinase.",
        Alteration.KrasG12C => "Mutation KRAS p.G12C ; pas d'altération du gène EGFR.",
        Alteration.AlkRearrangement => "Réarrangement du gène ALK détecté en FISH ; EGFR sauvage.",
        _ => "Absence d'altération moléculaire ciblable dans le panel testé.",
    };

    private static string Treatment(Alteration alteration) => alteration switch
    {
        Alteration.EgfrExon19Deletion or Alteration.EgfrL858R => "osimertinib 80 mg par jour",
        Alteration.KrasG12C => "sotorasib après chimiothérapie",
        Alteration.AlkRearrangement => "alectinib 600 mg deux fois par jour",
        _ => "chimio-immunothérapie par carboplatine, pémétrexed et pembrolizumab",
    };

    /// <summary>Paragraphs with their page: the molecular biology paragraph is on page 2.</summary>
    private static IReadOnlyList<(string Text, int Page)> Pathology(Alteration alteration, string marker, int pdl1) =>
    [
        ($"Compte rendu d'anatomopathologie ({marker}).\nBiopsie bronchique du lobe supérieur droit.", 1),
        ("Adénocarcinome pulmonaire infiltrant, TTF1 positif, de architecture acineuse.", 1),
        ($"Biologie moléculaire.\n{Mutation(alteration)}\nPD-L1 exprimé par {pdl1.ToString(CultureInfo.InvariantCulture)} % des cellules tumorales.", 2),
        ("Conclusion : adénocarcinome pulmonaire, statut moléculaire ci-dessus.", 2),
    ];

    private static IReadOnlyList<(string Text, int Page)> TumorBoard(Alteration alteration, string marker, int index) =>
    [
        ($"Réunion de concertation pluridisciplinaire thoracique ({marker}), dossier numéro {index.ToString(CultureInfo.InvariantCulture)}.", 1),
        ($"Proposition : {Treatment(alteration)}. Scanner d'évaluation à trois mois.", 1),
    ];

    private static GeneratedDocument Document(string id, string fileName, IReadOnlyList<(string Text, int Page)> paragraphs)
    {
        var text = new StringBuilder();
        var chunks = new List<Chunk>();
        foreach (var (paragraph, page) in paragraphs)
        {
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            var span = TextSpan.FromLength(text.Length, paragraph.Length);
            text.Append(paragraph);
            chunks.Add(new Chunk(Chunk.MakeId(id, chunks.Count), id, chunks.Count, fileName == "rcp.pdf" ? "RCP" : "Anatomopathologie", span, page, page, paragraph));
        }

        return new GeneratedDocument(id, fileName, text.ToString(), chunks);
    }
}
