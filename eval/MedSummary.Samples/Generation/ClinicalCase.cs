namespace MedSummary.Samples.Generation;

/// <summary>
/// The synthetic patient's true history, from which every document is written. Values are stored normalized
/// (the truth vocabulary); the writers render them in each language with varied phrasings.
/// </summary>
internal sealed class ClinicalCase
{
    public required SampleSpec Spec { get; init; }

    public required Patient Patient { get; init; }

    public required CareTeam Team { get; init; }

    public required Tumor Tumor { get; init; }

    public required DateStyle Dates { get; init; }

    public List<CaseEvent> Events { get; } = [];

    public List<Treatment> Treatments { get; } = [];

    public List<Toxicity> Toxicities { get; } = [];

    public List<LabPanel> Labs { get; } = [];

    /// <summary>Documents the dossier holds, in date order; filled by the case builder.</summary>
    public List<PlannedDocument> Documents { get; } = [];

    /// <summary>Per conflicting field: the documents that state the alternative value, and that value.</summary>
    public Dictionary<string, ConflictPlan> Conflicts { get; } = [];

    public int Ecog { get; set; }

    /// <summary>Disease status at the last document (truth vocabulary).</summary>
    public string DiseaseStatus { get; set; } = "no evidence of disease";

    public DateOnly DiagnosisDate { get; set; }

    public bool IsFrench => Spec.Language == DossierLanguage.French;

    /// <summary>The hospital's patient number (IPP, MRN), eight digits drawn from the seed.</summary>
    public string PatientNumber => (Rng.Derive(Spec.Seed, "ipp") % 90000000 + 10000000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public CancerType Cancer => Spec.Cancer;

    public int AgeAt(DateOnly date)
    {
        var age = date.Year - Patient.BirthDate.Year;
        if (date < Patient.BirthDate.AddYears(age))
        {
            age--;
        }

        return age;
    }

    public CaseEvent AddEvent(DateOnly date, string kind, string description, bool monthOnly = false)
    {
        var e = new CaseEvent($"e{Events.Count + 1}", date, kind, description) { MonthOnly = monthOnly };
        Events.Add(e);
        return e;
    }

    public Treatment AddTreatment(string kind, string name, DateOnly start, DateOnly? end, string? intent, string regimen = "", int cycles = 0)
    {
        var t = new Treatment($"t{Treatments.Count + 1}", kind, name, start, end, intent) { Regimen = regimen, Cycles = cycles };
        Treatments.Add(t);
        return t;
    }
}

internal enum Sex
{
    Female,
    Male,
}

internal sealed record Patient(Sex Sex, string FirstName, string LastName, DateOnly BirthDate, string City)
{
    public string Initials => $"{FirstName[0]}.{LastName[0]}.";

    public bool IsFemale => Sex == Sex.Female;
}

/// <summary>The (fictitious) people and places of the dossier.</summary>
internal sealed record CareTeam(
    string Hospital,
    string HospitalShort,
    string Address,
    string Phone,
    string ReferringDoctor,
    string ReferringPlace,
    string Oncologist,
    string Surgeon,
    string Pathologist,
    string Radiologist,
    string GeneralPractitioner,
    string PathologyLab,
    string ImagingCentre,
    string Laboratory);

/// <summary>How dates are written in this dossier (one convention per dossier, varied across dossiers).</summary>
internal enum DateStyle
{
    /// <summary>French: 14/03/2023, 14 mars 2023.</summary>
    French,

    /// <summary>British English: 14/03/2023, 14 March 2023.</summary>
    British,

    /// <summary>American English: March 14, 2023, and 3/14/2023 only when unambiguous.</summary>
    American,
}

internal enum Side
{
    Left,
    Right,
}

internal sealed record Tnm(string T, string N, string M);

/// <summary>HER2 by immunohistochemistry (0..3) and, for 2+, in situ hybridisation when done.</summary>
internal sealed record Her2(int Ihc, bool? Amplified)
{
    public string Status => Ihc switch
    {
        3 => "positive",
        2 => Amplified switch { true => "positive", false => "negative", null => "equivocal" },
        _ => "negative",
    };
}

internal sealed class Tumor
{
    public required string PrimarySite { get; init; }

    public Side? Side { get; set; }

    /// <summary>Key of the location within the organ (quadrant, lobe, colonic segment, rectal level, prostate zone).</summary>
    public required string Location { get; init; }

    /// <summary>Normalized histology (truth vocabulary).</summary>
    public required string Histology { get; set; }

    /// <summary>1..3, or null when the organ's reports do not grade this way.</summary>
    public int? Grade { get; set; }

    /// <summary>Nottingham components (tubules, pleomorphism, mitoses) for breast.</summary>
    public (int Tubules, int Pleomorphism, int Mitoses)? NottinghamScores { get; set; }

    public (int Primary, int Secondary)? Gleason { get; set; }

    public double SizeMm { get; set; }

    public required Tnm Clinical { get; set; }

    /// <summary>Null when no resection (metastatic or non-surgical treatment).</summary>
    public Tnm? Pathologic { get; set; }

    /// <summary>Nodes examined and involved at resection.</summary>
    public (int Examined, int Involved)? Nodes { get; set; }

    public bool SentinelOnly { get; set; }

    public required string Stage { get; set; }

    public int? ErPercent { get; set; }

    public int? PrPercent { get; set; }

    public Her2? Her2 { get; set; }

    public int? Ki67 { get; set; }

    /// <summary>EGFR mutation ("exon 19 deletion", "L858R") or "wild-type"; null when not tested.</summary>
    public string? Egfr { get; set; }

    public bool? AlkPositive { get; set; }

    /// <summary>KRAS mutation ("G12C", "G12D", "G13D") or "wild-type"; null when not tested.</summary>
    public string? Kras { get; set; }

    public bool? BrafMutated { get; set; }

    public int? PdL1 { get; set; }

    public bool? MsiHigh { get; set; }

    public bool? BrcaMutated { get; set; }

    public double? Psa { get; set; }

    public int? PiRads { get; set; }

    public List<string> MetastaticSites { get; } = [];

    public bool IsMetastatic => Clinical.M.StartsWith("M1", StringComparison.Ordinal);

    public int? IsupGroup => Gleason switch
    {
        null => null,
        var (p, s) when p + s <= 6 => 1,
        (3, 4) => 2,
        (4, 3) => 3,
        var (p, s) when p + s == 8 => 4,
        _ => 5,
    };

    public string? GleasonNormalized => Gleason is var (p, s) ? $"{p}+{s}={p + s}" : null;
}

/// <summary>A dated event; <see cref="Id"/> is what marks point at.</summary>
internal sealed record CaseEvent(string Id, DateOnly Date, string Kind, string Description)
{
    public bool MonthOnly { get; init; }
}

internal sealed record Treatment(string Id, string Kind, string Name, DateOnly Start, DateOnly? End, string? Intent)
{
    /// <summary>Drug or procedure details the writers need (regimen key, cycles, dose).</summary>
    public string Regimen { get; init; } = "";

    public int Cycles { get; init; }
}

internal sealed record Toxicity(string Id, string Name, int Grade, DateOnly Date, string TreatmentId);

internal sealed record LabResult(string Analyte, double Value, bool Abnormal, string Direction);

internal sealed record LabPanel(DateOnly Date, IReadOnlyList<LabResult> Results, string Context);

internal sealed record ConflictPlan(string Field, string TrueValue, string AlternativeValue, IReadOnlySet<string> AlternativeDocuments);

/// <summary>A document the case calls for: its kind, date and the key of its writer.</summary>
internal sealed record PlannedDocument(string Key, string Kind, DateOnly Date)
{
    /// <summary>A number for documents of the same key (second follow-up consultation...).</summary>
    public int Sequence { get; init; }

    /// <summary>Lab panels shown (lab documents) or referred to.</summary>
    public IReadOnlyList<LabPanel> Panels { get; init; } = [];

    /// <summary>Event this document reports (the imaging exam, the operation).</summary>
    public CaseEvent? Event { get; init; }
}
