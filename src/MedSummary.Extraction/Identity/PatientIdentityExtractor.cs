using System.Text.RegularExpressions;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Extraction.Rules;

namespace MedSummary.Extraction.Identity;

/// <summary>
/// The patient identity one document states, French and English: the name after a patient label ("Patient :",
/// "Nom / Prénom", "Surname/Forename", "Name:", "Re:", "Objet :") or before a birth cue ("Mme X, née le ..."), the
/// birth date after its cue ("Né(e) le", "Date de naissance", "DDN", "DOB", "D.O.B.", "Date of birth", "Born"), the
/// sex ("Sexe : F", "Gender: male", else the title or "Née le"), and hospital identifiers (IPP, NIP, MRN, hospital
/// number, NHS number, N° patient, N° dossier). Every part is cited from its own span.
/// </summary>
/// <remarks>
/// A document's identity is its header's: the first statement of each part wins, so the first page comes first; on
/// the page that first names the patient, a full name is preferred to initials (running headers print "C.W."). Doctors
/// ("Dr", "Pr", "Médecin prescripteur", "Requested by") are never read as the patient: their labels are not patient
/// labels and a doctor's title ends the name. A birth date is read only right after its cue; "né à Lyon" gives nothing.
/// </remarks>
public static partial class PatientIdentityExtractor
{
    /// <summary>Identifier kinds compared across documents; "DOSSIER" is not (it is often a stay or visit number).</summary>
    public static IReadOnlyList<string> PatientLevelKinds { get; } = ["IPP", "NIP", "MRN", "NHS"];

    public static PatientIdentity? Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var folded = TextFolding.FoldSameLength(text);

        var names = new List<NameStatement>();
        NameStatement? family = null;
        NameStatement? given = null;
        (TextSpan Span, DateMention Date, bool? Female)? birth = null;
        (TextSpan Span, string Sex)? sex = null;
        var identifiers = new Dictionary<string, (TextSpan Span, string Value, string Normalized)>(StringComparer.Ordinal);

        // The document's day/month order scans the whole text: once per document, and only if a birth cue needs it.
        var monthFirst = new Lazy<bool>(() => DateExtractor.MonthFirst(text, document.Language));

        foreach (var (start, end) in Lines(text))
        {
            var line = folded[start..end];

            foreach (Match m in IdentifierCue().Matches(line))
            {
                var kind = Kind(m.Groups["label"].Value);
                var id = m.Groups["id"];
                var value = text.Substring(start + id.Index, id.Length).Trim();
                var normalized = new string([.. value.Where(char.IsLetterOrDigit)]).ToUpperInvariant();
                if (normalized.Count(char.IsAsciiDigit) >= 4)
                {
                    identifiers.TryAdd(kind, (new TextSpan(start + m.Index, start + id.Index + value.Length), value, normalized));
                }
            }

            if (birth is null)
            {
                foreach (Match m in BirthCue().Matches(line))
                {
                    if (BirthDateAfter(text, monthFirst, start + m.Index + m.Length, end) is { } date)
                    {
                        var cue = m.Groups["ne"];
                        bool? female = cue.Success ? cue.Value.Contains("nee", StringComparison.Ordinal) && !cue.Value.Contains("(e)", StringComparison.Ordinal) ? true
                            : cue.Value.Contains("(e)", StringComparison.Ordinal) ? null : false : null;
                        birth = (new TextSpan(start + m.Index, date.Span.End), date, female);
                        break;
                    }
                }
            }

            if (sex is null && SexCue().Match(line) is { Success: true } s)
            {
                var v = s.Groups["v"].Value;
                sex = (new TextSpan(start + s.Index, start + s.Index + s.Length), v.StartsWith('f') ? "female" : "male");
            }

            if (NameCue().Match(line) is { Success: true } label)
            {
                var kind = label.Groups["family"].Success ? NamePart.Family
                    : label.Groups["given"].Success ? NamePart.Given
                    : label.Groups["usual"].Success ? NamePart.Family
                    : NamePart.Whole;
                if (ReadName(document, start + label.Index, start + label.Index + label.Length, end, kind) is { } name)
                {
                    switch (kind)
                    {
                        case NamePart.Family when label.Groups["birthname"].Success:
                            break; // A birth name beside the usual one adds nothing to compare that the usual name lacks.
                        case NamePart.Family:
                            family ??= name;
                            break;
                        case NamePart.Given:
                            given ??= name;
                            break;
                        default:
                            names.Add(name);
                            break;
                    }
                }
            }
            else if (InlineBeforeBirth().Match(line) is { Success: true } inline
                && ReadName(document, start + inline.Index, start + inline.Index, end, NamePart.Whole) is { } name)
            {
                names.Add(name);
            }
        }

        var chosen = ChooseName(document, names, family, given);
        IdentityPart? namePart = chosen is null ? null
            : new IdentityPart(chosen.Value, chosen.Normalized, CitationFactory.ForSpan(document, chosen.Statement));
        IdentityPart? birthPart = birth is { } b
            ? new IdentityPart(b.Date.Text, b.Date.Iso, CitationFactory.ForSpan(document, b.Span))
            : null;

        IdentityPart? sexPart = null;
        if (sex is { } sx)
        {
            sexPart = new IdentityPart(text[sx.Span.Start..sx.Span.End], sx.Sex, CitationFactory.ForSpan(document, sx.Span));
        }
        else if (chosen?.Title is { } title)
        {
            sexPart = new IdentityPart(text[title.Start..title.End], chosen.Female ? "female" : "male", CitationFactory.ForSpan(document, title));
        }
        else if (birth is { Female: { } female } bb)
        {
            sexPart = new IdentityPart(text[bb.Span.Start..bb.Date.Span.Start].Trim(), female ? "female" : "male", CitationFactory.ForSpan(document, bb.Span));
        }

        var ids = identifiers
            .Select(kv => new IdentityPart(kv.Value.Value, kv.Value.Normalized, CitationFactory.ForSpan(document, kv.Value.Span)) { Kind = kv.Key })
            .ToList();
        if (namePart is null && birthPart is null && sexPart is null && ids.Count == 0)
        {
            return null;
        }

        // Sex alone is not an identity (a title in a letter's salutation could give it).
        if (namePart is null && birthPart is null && ids.Count == 0)
        {
            return null;
        }

        return new PatientIdentity { Name = namePart, BirthDate = birthPart, Sex = sexPart, Identifiers = ids };
    }

    private enum NamePart
    {
        Whole,
        Family,
        Given,
    }

    private sealed record NameStatement(string Value, string Normalized, TextSpan Statement, TextSpan Name, TextSpan? Title, bool Female, int Page);

    private static NameStatement? ChooseName(SourceDocument document, List<NameStatement> names, NameStatement? family, NameStatement? given)
    {
        if (family is not null)
        {
            // "Nom : DUPONT" and "Prénom : Marie" on separate lines: one name, family first, cited from both lines.
            var value = given is null ? family.Value : family.Value + " " + given.Value;
            var normalized = given is null ? family.Normalized : family.Normalized + " " + given.Normalized;
            var span = given is null ? family.Statement : new TextSpan(Math.Min(family.Statement.Start, given.Statement.Start), Math.Max(family.Statement.End, given.Statement.End));
            var whole = family with { Value = value, Normalized = normalized, Statement = span };
            if (names.Count == 0 || document.Map.PageAt(span.Start) <= names[0].Page)
            {
                return whole;
            }
        }

        if (names.Count == 0)
        {
            return null;
        }

        var firstPage = names[0].Page;
        return names.Where(n => n.Page == firstPage).FirstOrDefault(n => !PatientNames.IsInitials(n.Value)) ?? names[0];
    }

    /// <summary>A name read from <paramref name="from"/>: optional title, then capitalized words, initials and particles.</summary>
    private static NameStatement? ReadName(SourceDocument document, int statementStart, int from, int lineEnd, NamePart part)
    {
        var rest = document.Text[from..lineEnd];
        var m = NameValue().Match(rest);
        if (!m.Success || m.Index != 0)
        {
            return null;
        }

        var title = m.Groups["title"];
        var words = m.Groups["name"];
        if (!words.Success || words.Length == 0)
        {
            return null;
        }

        var nameText = words.Value.TrimEnd(' ', ',', '-');
        var tokens = nameText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Any(t => DoctorTitle().IsMatch(t)))
        {
            return null;
        }

        var hasTitle = title.Success && title.Length > 0;
        var hasCaps = tokens.Any(t => t.Count(char.IsLetter) >= 2 && t.Where(char.IsLetter).All(char.IsUpper));
        var initials = PatientNames.IsInitials(nameText);
        var after = rest[(words.Index + words.Length)..].TrimStart(' ', ',');
        var ends = after.Length == 0 || EndOfName().IsMatch(TextFolding.FoldSameLength(after));
        var plainWords = tokens.Length is >= 2 and <= 4 && ends;
        if (!(hasTitle || hasCaps || initials || part != NamePart.Whole || plainWords))
        {
            return null;
        }

        if (part != NamePart.Whole && !(hasCaps || tokens.Length <= 3))
        {
            return null;
        }

        var nameStart = from + words.Index;
        var nameSpan = new TextSpan(nameStart, nameStart + nameText.Length);
        var titleSpan = hasTitle ? new TextSpan(from + title.Index, from + title.Index + title.Value.TrimEnd().Length) : (TextSpan?)null;
        var female = hasTitle && FemaleTitle().IsMatch(TextFolding.FoldSameLength(title.Value.Trim()));
        return new NameStatement(
            nameText, Normalize(nameText, part), new TextSpan(statementStart, nameSpan.End), nameSpan, titleSpan, female, document.Map.PageAt(statementStart));
    }

    /// <summary>Upper case, accents folded, family name first: the words in capitals, else the last word (given names come first after a title).</summary>
    private static string Normalize(string name, NamePart part)
    {
        var words = PatientNames.Words(name);
        if (part != NamePart.Whole || words.Count < 2 || PatientNames.IsInitials(name))
        {
            return string.Join(' ', words);
        }

        var raw = name.Split([' '], StringSplitOptions.RemoveEmptyEntries);
        var capsRaw = raw.Where(t => t.Count(char.IsLetter) >= 2 && t.Where(char.IsLetter).All(char.IsUpper)).ToList();
        if (capsRaw.Count > 0 && capsRaw.Count < raw.Length)
        {
            var family = capsRaw.SelectMany(PatientNames.Words).ToList();
            var givenNames = raw.Except(capsRaw).SelectMany(PatientNames.Words).ToList();
            return string.Join(' ', family.Concat(givenNames));
        }

        return string.Join(' ', new[] { words[^1] }.Concat(words.Take(words.Count - 1)));
    }

    /// <summary>The birth date right after a cue (a colon and spaces between), at day precision.</summary>
    private static DateMention? BirthDateAfter(string text, Lazy<bool> monthFirst, int from, int lineEnd)
    {
        var end = Math.Min(lineEnd, from + 40);
        var window = text[from..end];
        var lead = window.Length - window.TrimStart(' ', ':', '\t').Length;
        // A birth date is compared across documents: an ambiguous "06/01/1948" is read in the order the document's own
        // unambiguous dates show, so a British letter is not read as American because it is in English.
        var dates = DateExtractor.FindAll(window, monthFirst.Value);
        return dates.FirstOrDefault() is { Precision: DatePrecision.Day } d && d.Span.Start == lead
            ? d with { Span = new TextSpan(from + d.Span.Start, from + d.Span.End) }
            : null;
    }

    private static string Kind(string label)
    {
        var l = label.Replace(" ", "", StringComparison.Ordinal);
        return l switch
        {
            _ when l.Contains("ipp", StringComparison.Ordinal) => "IPP",
            _ when l.Contains("nip", StringComparison.Ordinal) => "NIP",
            _ when l.Contains("nhs", StringComparison.Ordinal) => "NHS",
            _ when l.Contains("dossier", StringComparison.Ordinal) => "DOSSIER",
            _ when l.Contains("numero", StringComparison.Ordinal) || l.Contains("identifiant", StringComparison.Ordinal) || l.StartsWith('n') => "IPP",
            _ => "MRN",
        };
    }

    private static IEnumerable<(int Start, int End)> Lines(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            yield return (start, end);
            start = end + 1;
        }
    }

    // Identifier labels on folded text: "n° ipp", "ipp", "nip", "mrn", "hospital number", "nhs no", "n° patient", "n° dossier".
    [GeneratedRegex(
        @"(?<![\p{L}\d])(?<label>n\s?[°ºo]\.?\s*(?:d['e]\s*)?(?:ipp|nip|patient|dossier)|numero\s+(?:de\s+|d')?(?:patient|dossier|ipp)|identifiant\s+patient|ipp|nip|mrn|medical\s+record\s+(?:number|no\.?)|hospital\s+(?:number|no\.?|n[°º])|nhs\s+(?:number|no\.?)|patient\s+(?:number|no\.?|id))\s*[:#]?\s*(?<id>[a-z]{0,3}\d+(?:[ -]\d+)*)(?![\p{L}\d])",
        RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierCue();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?<ne>nee?|ne\s?\(e\))\s+le|date\s+de\s+naissance|ddn|d\.\s?o\.\s?b\.?|dob|date\s+of\s+birth|birth\s*date|born(?:\s+on)?)(?![\p{L}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex BirthCue();

    [GeneratedRegex(@"(?<![\p{L}])(?:sexe?|gender)\s*:\s*(?<v>feminin|masculin|female|male|f|m)(?![\p{L}])", RegexOptions.CultureInvariant)]
    private static partial Regex SexCue();

    // Patient labels on folded text. "family"/"given": the parts of a name given on separate lines.
    [GeneratedRegex(
        @"(?:^|(?<=[\s|;]))(?:(?<family>(?<birthname>nom\s+de\s+naissance|nom\s+de\s+jeune\s+fille|maiden\s+name)|(?<usual>nom\s+d'usage|nom\s+marital)|nom(?!\s*(?:/|et)\s*prenom)|surname|last\s+name|family\s+name)|(?<given>prenoms?|forenames?|first\s+names?|given\s+names?)|patiente?|patient\s*\(e\)|nom\s+(?:du\s+|de\s+la\s+)?patiente?|patient\s+name|name|nom\s*(?:/|et)\s*prenoms?|surname\s*/\s*forenames?|identite(?:\s+du\s+patient)?|re|objet)\s*:\s*",
        RegexOptions.CultureInvariant)]
    private static partial Regex NameCue();

    // A titled name right before a birth cue, without a label: "Mme Claire DUPONT, née le 12/03/1950", "Mrs Jane FOSTER, DOB 21/10/1958".
    [GeneratedRegex(
        @"(?<![\p{L}])(?:mme|mlle|madame|monsieur|mademoiselle|m\.|mr\.?|mrs\.?|ms\.?|miss)\s+[^,\n]{2,60}?,?\s+(?:(?:nee?|ne\s?\(e\))\s+le|dob|d\.o\.b\.?|date\s+of\s+birth|born(?:\s+on)?)\s*:?\s*\d",
        RegexOptions.CultureInvariant)]
    private static partial Regex InlineBeforeBirth();

    // On the original text: a title, then words that start with a capital (or initials, or particles), up to a comma or
    // a word that starts lower case. "épouse"/"née"/"ép." followed by a capitalized word carry a married or birth name.
    [GeneratedRegex(
        @"(?<title>(?:Mme|Mlle|Madame|Monsieur|Mademoiselle|M\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx\.?|MME|MLLE|MADAME|MONSIEUR|MR|MRS|MS)\s+)?(?<name>(?!(?:DOB|D\.O\.B|IPP|NIP|MRN|NHS|DDN|Née|Né|NÉE|NÉ|NEE|NE|Sexe|Sex|SEXE|Age|Âge|Date|Born|Hospital)(?![\p{L}]))(?:(?:\p{Lu}\.\s?){1,3}|\p{Lu}[\p{L}'’\-]*\p{L}|(?:de|du|des|le|la|van|von|der|d'|d’)(?=\s+\p{Lu})|(?:épouse|ép\.|ep\.|née|nee)(?=\s+\p{Lu}))(?:[ \t]+(?!(?:DOB|D\.O\.B|IPP|NIP|MRN|NHS|DDN|Née|Né|NÉE|NÉ|NEE|NE|Sexe|Sex|SEXE|Age|Âge|Date|Born|Hospital)(?![\p{L}]))(?:(?:\p{Lu}\.\s?){1,3}|\p{Lu}[\p{L}'’\-]*\p{L}|(?:de|du|des|le|la|van|von|der|d'|d’)(?=\s+\p{Lu})|(?:épouse|ép\.|ep\.|née|nee)(?=\s+\p{Lu})))*)",
        RegexOptions.CultureInvariant)]
    private static partial Regex NameValue();

    [GeneratedRegex(@"^(?:Dr\.?|Pr\.?|Prof\.?|Docteur|Professeur|DR|PR)$", RegexOptions.CultureInvariant)]
    private static partial Regex DoctorTitle();

    [GeneratedRegex(@"^(?:mme|mlle|madame|mademoiselle|mrs|ms|miss)", RegexOptions.CultureInvariant)]
    private static partial Regex FemaleTitle();

    // What may follow a name without a title: a birth cue, an age, a bracket or an identifier.
    [GeneratedRegex(@"^(?:\(|\d|nee?\s|ne\(e\)|dob|d\.o\.b|date\s+of\s+birth|date\s+de\s+naissance|born|age|ipp|nip|mrn|sex|$)", RegexOptions.CultureInvariant)]
    private static partial Regex EndOfName();
}
