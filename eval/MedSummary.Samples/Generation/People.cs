namespace MedSummary.Samples.Generation;

/// <summary>Fictitious names and places. Any resemblance to real people or hospitals is coincidental.</summary>
internal static class People
{
    private static readonly string[] FrenchWomen =
    [
        "Martine", "Sylvie", "Catherine", "Isabelle", "Nathalie", "Christine", "Françoise", "Monique", "Brigitte",
        "Hélène", "Véronique", "Chantal", "Élisabeth", "Josiane", "Agnès", "Annick", "Béatrice", "Régine", "Odile", "Noëlle",
    ];

    private static readonly string[] FrenchMen =
    [
        "Jean-Pierre", "Michel", "Alain", "Bernard", "Gérard", "Philippe", "Patrick", "Daniel", "Jacques", "René",
        "François", "Thierry", "Gilles", "Hervé", "Joël", "Raymond", "Lucien", "Marcel", "Noël", "André",
    ];

    private static readonly string[] FrenchSurnames =
    [
        "Moreau", "Lefèvre", "Garnier", "Rousseau", "Fontaine", "Chevalier", "Lemaître", "Bonnard", "Perrin", "Marchand",
        "Dufresne", "Aubert", "Carpentier", "Delacroix", "Benoît", "Giraud", "Masson", "Rivière", "Boucher", "Lacôte",
        "Ménard", "Gauthier", "Péron", "Lebœuf", "Tessier",
    ];

    private static readonly string[] EnglishWomen =
    [
        "Margaret", "Susan", "Patricia", "Linda", "Barbara", "Elizabeth", "Janet", "Carol", "Deborah", "Helen",
        "Sandra", "Gillian", "Maureen", "Christine", "Pauline", "Denise", "Judith", "Lorraine", "Eileen", "Ruth",
    ];

    private static readonly string[] EnglishMen =
    [
        "David", "John", "Robert", "Michael", "Peter", "Richard", "Stephen", "Graham", "Kenneth", "Brian",
        "Trevor", "Malcolm", "Douglas", "Keith", "Raymond", "Gordon", "Philip", "Colin", "Howard", "Leonard",
    ];

    private static readonly string[] EnglishSurnames =
    [
        "Whitfield", "Hargreaves", "Pemberton", "Ashworth", "Thornton", "Fairbairn", "Kendrick", "Lockwood", "Marsden", "Blackwood",
        "Holloway", "Prescott", "Radcliffe", "Stanhope", "Waverley", "Underhill", "Coldwell", "Ellery", "Hawthorne", "Merriman",
    ];

    private static readonly string[] FrenchTowns =
    [
        "Valmont-sur-Orne", "Saint-Aubin-des-Prés", "Montclair-la-Rivière", "Bellerive-sur-Aure", "Ormessan",
        "Castelnau-des-Landes", "Villefranche-sur-Losse", "Mareuil-le-Haut", "Pontverre", "Sainte-Colombe-d'Aval",
    ];

    private static readonly string[] EnglishTowns =
    [
        "Northfield", "Ashbourne Vale", "Kingsmere", "Riverside", "Hollowbridge", "Eastwick Green", "Farrowdale",
        "Mapleton", "Westbury Downs", "Stonecross",
    ];

    public static Patient NewPatient(Rng rng, bool french, Sex sex, DateOnly birthDate)
    {
        var first = sex == Sex.Female
            ? rng.Pick(french ? FrenchWomen : EnglishWomen)
            : rng.Pick(french ? FrenchMen : EnglishMen);
        var last = rng.Pick(french ? FrenchSurnames : EnglishSurnames);
        return new Patient(sex, first, last, birthDate, rng.Pick(french ? FrenchTowns : EnglishTowns));
    }

    public static CareTeam NewTeam(Rng rng, bool french)
    {
        var town = rng.Pick(french ? FrenchTowns : EnglishTowns);
        string Doctor() => french
            ? $"Dr {rng.Pick(FrenchWomen.Concat(FrenchMen).ToArray())[0]}. {rng.Pick(FrenchSurnames)}"
            : $"Dr {rng.Pick(EnglishWomen.Concat(EnglishMen).ToArray())[0]}. {rng.Pick(EnglishSurnames)}";

        if (french)
        {
            var (hospital, shortName) = rng.Pick(
                ($"Centre Hospitalier de {town}", $"CH de {town}"),
                ($"Institut de cancérologie de {town}", $"ICO {town}"),
                ($"Centre Hospitalier Universitaire de {town}", $"CHU de {town}"),
                ($"Clinique Sainte-Odile, {town}", "Clinique Sainte-Odile"));
            return new CareTeam(
                hospital,
                shortName,
                $"{rng.Between(2, 48)} {rng.Pick("rue des Tilleuls", "avenue du Général Leclerc", "boulevard Pasteur", "rue de l'Hôpital", "allée des Charmes")}, {rng.Between(10, 95)}{rng.Between(100, 990):000} {town}",
                $"0{rng.Between(1, 5)} {rng.Between(10, 99)} {rng.Between(10, 99)} {rng.Between(10, 99)} {rng.Between(10, 99)}",
                Doctor(),
                rng.Pick("médecin généraliste", "gynécologue", "pneumologue", "gastro-entérologue", "urologue"),
                Doctor(),
                Doctor(),
                Doctor(),
                Doctor(),
                Doctor(),
                rng.Pick($"Cabinet d'anatomie et cytologie pathologiques de {town}", $"Laboratoire de pathologie {rng.Pick(FrenchSurnames)}", $"Service d'anatomie pathologique, {shortName}"),
                rng.Pick($"Centre d'imagerie médicale de {town}", $"Service de radiologie, {shortName}", $"Imagerie {rng.Pick(FrenchSurnames)}"),
                rng.Pick($"Laboratoire de biologie médicale de {town}", $"Laboratoire central, {shortName}", $"Biolab {town}"));
        }

        var (enHospital, enShort) = rng.Pick(
            ($"{town} General Hospital", $"{town} GH"),
            ($"St Aldric's University Hospital, {town}", "St Aldric's"),
            ($"{town} Cancer Centre", $"{town} CC"),
            ($"{town} Regional Medical Center", $"{town} RMC"));
        return new CareTeam(
            enHospital,
            enShort,
            $"{rng.Between(2, 240)} {rng.Pick("Station Road", "Hospital Lane", "Church Street", "Park Avenue", "Queen's Road")}, {town}",
            $"0{rng.Between(1100, 1999)} {rng.Between(100000, 999999)}",
            Doctor(),
            rng.Pick("general practitioner", "breast surgeon", "respiratory physician", "gastroenterologist", "urologist"),
            Doctor(),
            Doctor(),
            Doctor(),
            Doctor(),
            Doctor(),
            rng.Pick($"Department of Cellular Pathology, {enShort}", $"{town} Pathology Services"),
            rng.Pick($"Department of Radiology, {enShort}", $"{town} Imaging Centre"),
            rng.Pick($"Clinical Biochemistry and Haematology, {enShort}", $"{town} Laboratory Services"));
    }
}
