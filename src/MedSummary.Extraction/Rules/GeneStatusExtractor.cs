using System.Text;
using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Driver genes and hereditary markers, one extractor for every gene of <see cref="GeneFields.Table"/>: "EGFR exon 19
/// deletion", "mutation de l'EGFR (L858R)", "ALK négatif (IHC D5F3)", "absence de réarrangement ROS1", "KRAS G12C",
/// "BRAF V600E mutated", "absence de mutation des gènes EGFR, KRAS et BRAF", "MET exon 14 skipping", "IDH1 R132H",
/// "mutation constitutionnelle BRCA2", "Recherche de mutation BRCA1/2 négative".
/// </summary>
/// <remarks>
/// A statement is a gene, or a list of genes joined by commas, "/", "et", "and", "ni"..., with the words that state a
/// result: an alteration word before it ("mutation de l'", "absence de réarrangement") or after it (": muté",
/// " wild-type", " L858R", " rearrangement not detected"). Whether an alteration word is denied ("no EGFR mutation",
/// "pas de réarrangement ALK") is read by <see cref="ClinicalScope"/>; hypotheses, requests and family members
/// (<see cref="ScopeKind.Hypothetical"/>, <see cref="ScopeKind.Family"/>), legends and option lists
/// (<see cref="ScopeKind.NotAValue"/>) give nothing. A list of genes with no result ("EGFR, ALK, ROS1 analysés"),
/// testing pending or requested, an eligibility condition ("KRAS wild-type required for cetuximab"), treatment names
/// ("BRAF inhibitor", "anti-EGFR"), "eGFR" (kidney filtration) and "ALK PHOS" give nothing. A bare "positive" /
/// "negative" is a result only for genes read by IHC or FISH (ALK, ROS1, NTRK, RET); for a mutation it needs an
/// alteration word in the statement ("mutation EGFR : négative"). The value is the whole statement as written, so the
/// citation shows the gene and its result; the normalized vocabulary is documented on <see cref="GeneFields"/>.
/// </remarks>
public sealed partial class GeneStatusExtractor : IFieldExtractor
{
    private const ScopeKind Scopes = ScopeKind.Hypothetical | ScopeKind.Family;

    // How far a statement reaches around its genes (characters), within the clause.
    private const int PostReach = 70;
    private const int PreReach = 60;

    private static readonly Regex Mention = BuildMention();

    public IReadOnlyList<string> Fields => GeneFields.Keys;

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var mentions = Mentions(text);
        var findings = new List<Finding>();
        var i = 0;
        while (i < mentions.Count)
        {
            var j = i;
            while (j + 1 < mentions.Count && !mentions[j].Excluded && !mentions[j + 1].Excluded
                   && ListSeparator().Match(text, mentions[j].End, mentions[j + 1].Start - mentions[j].End) is { Success: true } sep
                   && sep.Length == mentions[j + 1].Start - mentions[j].End)
            {
                j++;
            }

            if (!mentions[i].Excluded)
            {
                var previousEnd = i > 0 ? mentions[i - 1].End : 0;
                var nextStart = j + 1 < mentions.Count ? mentions[j + 1].Start : text.Length;
                findings.AddRange(Read(document, mentions.GetRange(i, j - i + 1), previousEnd, nextStart));
            }

            i = j + 1;
        }

        return findings;
    }

    private sealed record GeneMention(GeneSpec Spec, int Start, int End, bool Excluded);

    private enum CueType
    {
        Variant,
        Kind,
        NegativeKind,
        BarePositive,
        BareNegative,
    }

    private sealed record Cue(CueType Type, GeneAlteration Kind, int Start, int End);

    private sealed record Result(GeneAlteration Kind, bool Positive, int Start, int End);

    private static List<GeneMention> Mentions(string text)
    {
        var list = new List<GeneMention>();
        foreach (Match m in Mention.Matches(text))
        {
            var spec = SpecOf(m);
            var excluded = NotAGene().IsMatch(ReportContext.Slice(text, m.Index - 30, m.Index))
                || NotAGeneAfter().IsMatch(ReportContext.Slice(text, m.Index + m.Length, m.Index + m.Length + 40));
            list.Add(new GeneMention(spec, m.Index, m.Index + m.Length, excluded));
        }

        return list;
    }

    private static IEnumerable<Finding> Read(SourceDocument document, List<GeneMention> genes, int previousEnd, int nextStart)
    {
        // A variant names one gene's change: in "réarrangement ROS1, BRAF V600E" it is BRAF's alone, and ROS1 is read
        // with what stands before it.
        var firstPost = FirstCue(document.Text, genes[^1].End, Math.Min(nextStart, genes[^1].End + PostReach));
        if (genes.Count > 1 && firstPost?.Type == CueType.Variant && genes.Select(g => g.Spec.FieldKey).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            return ReadStatement(document, genes[..^1], previousEnd, genes[^1].Start)
                .Concat(ReadStatement(document, [genes[^1]], genes[^2].End, nextStart));
        }

        return ReadStatement(document, genes, previousEnd, nextStart);
    }

    private static Cue? FirstCue(string text, int start, int end)
    {
        var m = CueWord().Match(text[..Math.Max(start, end)], start);
        return m.Success ? ToCue(m) : null;
    }

    private static IEnumerable<Finding> ReadStatement(SourceDocument document, List<GeneMention> genes, int previousEnd, int nextStart)
    {
        var text = document.Text;
        var first = genes[0].Start;
        var last = genes[^1].End;
        var clauseStart = ClinicalScope.PreWindow(text, first);
        var clauseEnd = ClinicalScope.PostWindow(text, last);
        var postEnd = Math.Min(Math.Min(clauseEnd, nextStart), last + PostReach);
        var preStart = Math.Max(Math.Max(clauseStart, previousEnd), first - PreReach);
        if (postEnd < last)
        {
            postEnd = last;
        }

        // An alteration word right before the next gene on the same line is that gene's ("pas de mutation EGFR ni de
        // réarrangement ALK"), not a result of these genes.
        var post = Cues(text, last, postEnd)
            .Where(c => !(c.Type == CueType.Kind && nextStart <= clauseEnd && c.End <= nextStart
                && !text.AsSpan(c.End, nextStart - c.End).Contains('\n') && Connector().IsMatch(text[c.End..nextStart])))
            .ToList();
        var pre = PreCue(text, preStart, first);
        if (Decide(text, genes, pre, post, previousEnd) is not { } result)
        {
            yield break;
        }

        var start = Math.Min(first, pre?.Start ?? first);
        var end = Math.Max(last, result.End);
        if (!result.Positive && ClinicalScope.NegationStart(text, new TextSpan(result.Start, result.End)) is { } denial && denial < start && denial >= preStart)
        {
            start = denial;
        }

        // Testing pending or requested, a condition of eligibility, a failed test: the statement reports no result.
        if (NotDone().IsMatch(ReportContext.Slice(text, start, Math.Min(clauseEnd, Math.Max(end, result.End) + 30))))
        {
            yield break;
        }

        if (genes.Any(g => !Affirmed(text, new TextSpan(g.Start, g.End), Scopes))
            || !Affirmed(text, new TextSpan(result.Start, result.End), ScopeKind.Hypothetical | ScopeKind.NotAValue))
        {
            yield break;
        }

        var fields = genes.Select(g => g.Spec.FieldKey).Distinct(StringComparer.Ordinal).Count();
        var variant = result is { Positive: true, Kind: GeneAlteration.Mutation } && fields == 1
            ? FirstVariant(text, start, VariantEnd(text, last, nextStart), previousEnd)
            : null;
        if (variant is not null)
        {
            end = Math.Max(end, variant.Value.End);
        }

        var span = new TextSpan(start, end);
        var value = text[start..end];
        var origin = OriginWord().Match(ReportContext.Slice(text, Math.Max(clauseStart, previousEnd), Math.Min(clauseEnd, nextStart)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var gene in genes)
        {
            if (Normalize(gene, text, result, variant?.Normalized, origin, fields) is { } normalized && seen.Add(gene.Spec.FieldKey + normalized))
            {
                var confidence = fields > 1 ? RuleConfidence.Explicit - 0.04 : RuleConfidence.Explicit;
                yield return new Finding(gene.Spec.FieldKey, value, normalized, document.Id, span, confidence)
                {
                    Note = fields > 1 ? "stated for a list of genes" : null,
                };
            }
        }
    }

    /// <summary>The result the cues state, or null when they state none.</summary>
    private static Result? Decide(string text, List<GeneMention> genes, Cue? pre, List<Cue> post, int statementStart)
    {
        GeneAlteration? labelKind = null;
        for (var k = 0; k < post.Count; k++)
        {
            var c = post[k];
            switch (c.Type)
            {
                case CueType.Variant:
                {
                    var absentAfter = k + 1 < post.Count && post[k + 1] is { Type: CueType.BareNegative or CueType.NegativeKind } none
                        && ResultAfterKind().IsMatch(text[c.End..none.Start]) ? none : null;
                    if (absentAfter is null && !Denied(text, new TextSpan(c.Start, c.End), statementStart))
                    {
                        return new Result(GeneAlteration.Mutation, true, c.Start, c.End);
                    }

                    // A named variant absent ("T790M non détectée") says nothing of the gene's other variants, unless it
                    // is the one the test looks for ("BRAF V600E: not detected").
                    var hallmark = genes.Count == 1 ? genes[0].Spec.Hallmark : null;
                    return hallmark is not null && VariantPattern().Match(text, c.Start) is { Success: true } v
                        && VariantText.Normalize(v) is { } written && written.StartsWith(hallmark, StringComparison.Ordinal)
                        ? new Result(GeneAlteration.Mutation, false, c.Start, absentAfter?.End ?? c.End)
                        : null;
                }

                case CueType.NegativeKind:
                    return new Result(c.Kind, false, c.Start, c.End);
                case CueType.Kind when KindLabel().IsMatch(text, c.End):
                    // "EGFR mutation status: ...", "analyse mutationnelle": names the test, the result comes later.
                    labelKind = c.Kind;
                    continue;
                case CueType.Kind:
                    if (k + 1 < post.Count && post[k + 1] is { Type: CueType.BarePositive or CueType.BareNegative or CueType.NegativeKind } next
                        && ResultAfterKind().IsMatch(text[c.End..next.Start]))
                    {
                        // "no mutation detected": the denial of the alteration word wins over the word after it.
                        return new Result(c.Kind, next.Type == CueType.BarePositive && !Denied(text, c, statementStart), c.Start, next.End);
                    }

                    return new Result(c.Kind, !Denied(text, c, statementStart), c.Start, c.End);
                default:
                {
                    var kind = labelKind ?? (pre is { Type: CueType.Kind } ? pre.Kind : (GeneAlteration?)null);
                    if (kind is null && genes.All(g => g.Spec.Alterations.HasFlag(GeneAlteration.BareStatus)))
                    {
                        kind = GeneAlteration.BareStatus;
                    }

                    return kind is null ? null : new Result(kind.Value, c.Type == CueType.BarePositive, c.Start, c.End);
                }
            }
        }

        return pre switch
        {
            { Type: CueType.Kind } => new Result(pre.Kind, !Denied(text, pre, statementStart), pre.Start, pre.End),
            { Type: CueType.NegativeKind } => new Result(pre.Kind, false, pre.Start, pre.End),
            { Type: CueType.Variant } => new Result(GeneAlteration.Mutation, true, pre.Start, pre.End),
            _ => null,
        };
    }

    /// <summary>Affirmed, or hypothetical only as a search whose result the sentence gives ("Recherche de mutation BRCA1/2 négative").</summary>
    private static bool Affirmed(string text, TextSpan span, ScopeKind kinds) =>
        ClinicalScope.Detect(text, span, kinds) is var scope
        && (scope == ScopeKind.None || (scope == ScopeKind.Hypothetical && ClinicalScope.IsAnsweredSearch(text, span)));

    private static bool Denied(string text, Cue cue, int statementStart) => Denied(text, new TextSpan(cue.Start, cue.End), statementStart);

    /// <summary>
    /// Denied within this statement: a denial of the gene before it ("pas de mutation KRAS ni de réarrangement ROS1,
    /// BRAF V600E") reaches over the comma in <see cref="ClinicalScope"/>'s word count but is not about this gene.
    /// </summary>
    private static bool Denied(string text, TextSpan span, int statementStart) =>
        ClinicalScope.Detect(text, span, ScopeKind.Negated) != ScopeKind.None
        && !(ClinicalScope.NegationStart(text, span) is { } denial && denial < statementStart);

    private static string? Normalize(GeneMention gene, string text, Result result, string? variant, Match origin, int listSize)
    {
        var allowed = gene.Spec.Alterations;
        var kind = result.Kind;
        if (kind == GeneAlteration.None)
        {
            // "absence d'altération": whatever the gene's own alteration is.
            kind = allowed.HasFlag(GeneAlteration.Mutation) ? GeneAlteration.Mutation
                : allowed.HasFlag(GeneAlteration.Fusion) ? GeneAlteration.Fusion
                : GeneAlteration.Amplification;
        }

        if (!allowed.HasFlag(kind))
        {
            return null;
        }

        var familyGene = gene.Spec.Family && listSize == 1 ? FamilyMember(text[gene.Start..gene.End]) : null;
        switch (kind)
        {
            case GeneAlteration.Mutation when result.Positive:
            {
                var detail = string.Join(' ', new[] { familyGene, variant }.Where(s => s is not null));
                if (origin.Success)
                {
                    detail = detail.Length == 0 ? Origin(origin.Value) : detail + ", " + Origin(origin.Value);
                }

                return detail.Length == 0 ? GeneFields.Mutated : $"{GeneFields.Mutated} ({detail})";
            }

            case GeneAlteration.Mutation:
                return GeneFields.WildType;
            case GeneAlteration.Amplification:
                return result.Positive ? GeneFields.Amplified : GeneFields.NotAmplified;
            default:
                return !result.Positive ? GeneFields.Negative
                    : familyGene is null ? GeneFields.Positive
                    : $"{GeneFields.Positive} ({familyGene})";
        }
    }

    /// <summary>"IDH1", "BRCA2", "NTRK3" when one member of the family is named; null for "BRCA1/2", "IDH".</summary>
    private static string? FamilyMember(string written)
    {
        var letters = new StringBuilder();
        var digits = new List<char>();
        foreach (var c in written)
        {
            if (char.IsLetter(c))
            {
                letters.Append(char.ToUpperInvariant(c));
            }
            else if (char.IsDigit(c))
            {
                digits.Add(c);
            }
        }

        return digits.Count == 1 ? letters.ToString() + digits[0] : null;
    }

    private static string Origin(string word) =>
        SomaticWord().IsMatch(word) ? "somatic" : "germline";

    /// <summary>Every cue in [start, end), in text order, that is a value (not a legend's or an option list's).</summary>
    private static List<Cue> Cues(string text, int start, int end)
    {
        var cues = new List<Cue>();
        foreach (Match m in CueWord().Matches(text[..end], start))
        {
            if (ToCue(m) is { } cue)
            {
                cues.Add(cue);
            }
        }

        return cues;
    }

    /// <summary>The cue right before the genes, when only connecting words stand between ("mutation de l'", "absence de réarrangement").</summary>
    private static Cue? PreCue(string text, int start, int genesStart)
    {
        Cue? last = null;
        foreach (Match m in CueWord().Matches(text[..genesStart], start))
        {
            last = ToCue(m);
        }

        if (last is null || last.Type is CueType.BarePositive or CueType.BareNegative)
        {
            return null;
        }

        return Connector().IsMatch(text[last.End..genesStart]) ? last : null;
    }

    private static Cue? ToCue(Match m)
    {
        var span = (m.Index, m.Index + m.Length);
        if (m.Groups["var"].Success)
        {
            return new Cue(CueType.Variant, GeneAlteration.Mutation, span.Item1, span.Item2);
        }

        if (m.Groups["negmut"].Success)
        {
            return new Cue(CueType.NegativeKind, GeneAlteration.Mutation, span.Item1, span.Item2);
        }

        if (m.Groups["negfus"].Success)
        {
            return new Cue(CueType.NegativeKind, GeneAlteration.Fusion, span.Item1, span.Item2);
        }

        if (m.Groups["negamp"].Success)
        {
            return new Cue(CueType.NegativeKind, GeneAlteration.Amplification, span.Item1, span.Item2);
        }

        if (m.Groups["mut"].Success)
        {
            return new Cue(CueType.Kind, GeneAlteration.Mutation, span.Item1, span.Item2);
        }

        if (m.Groups["fus"].Success)
        {
            return new Cue(CueType.Kind, GeneAlteration.Fusion, span.Item1, span.Item2);
        }

        if (m.Groups["amp"].Success)
        {
            return new Cue(CueType.Kind, GeneAlteration.Amplification, span.Item1, span.Item2);
        }

        if (m.Groups["alt"].Success)
        {
            return new Cue(CueType.Kind, GeneAlteration.None, span.Item1, span.Item2);
        }

        return m.Groups["pos"].Success
            ? new Cue(CueType.BarePositive, GeneAlteration.None, span.Item1, span.Item2)
            : new Cue(CueType.BareNegative, GeneAlteration.None, span.Item1, span.Item2);
    }

    /// <summary>
    /// Where a variant after the genes may still stand: variants carry points ("c.68_69delAG", "p.Leu858Arg") that end
    /// no sentence, so only a point followed by a space, a semicolon, a blank line or the next gene ends the search.
    /// </summary>
    private static int VariantEnd(string text, int from, int nextStart)
    {
        var limit = Math.Min(nextStart, Math.Min(text.Length, from + PostReach));
        for (var i = from; i < limit; i++)
        {
            if (text[i] == ';' || (text[i] == '.' && (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1])))
                || (text[i] == '\n' && text.AsSpan(i + 1, limit - i - 1).TrimStart(" \t\r").StartsWith("\n")))
            {
                return i;
            }
        }

        return limit;
    }

    /// <summary>The first variant named in [start, end), normalized, with where it ends.</summary>
    private static (string Normalized, int End)? FirstVariant(string text, int start, int end, int statementStart)
    {
        foreach (Match m in VariantPattern().Matches(text[..end], start))
        {
            if (Denied(text, new TextSpan(m.Index, m.Index + m.Length), statementStart))
            {
                continue;
            }

            if (VariantText.Normalize(m) is { } normalized)
            {
                return (normalized, m.Index + m.Length);
            }
        }

        return null;
    }

    private static GeneSpec SpecOf(Match m)
    {
        for (var i = 0; i < GeneFields.Table.Count; i++)
        {
            if (m.Groups["g" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)].Success)
            {
                return GeneFields.Table[i];
            }
        }

        throw new InvalidOperationException("The match does not come from the gene table.");
    }

    private static Regex BuildMention()
    {
        var pattern = new StringBuilder();
        for (var i = 0; i < GeneFields.Table.Count; i++)
        {
            if (i > 0)
            {
                pattern.Append('|');
            }

            pattern.Append("(?<g").Append(i).Append('>').Append(GeneFields.Table[i].Pattern).Append(')');
        }

        // "EGFR-mutant" and "METex14" glue a word to the gene; a letter or digit before it makes another word ("eGFR").
        return new Regex(
            @"(?<![\p{L}\p{N}])(?:" + pattern + @")(?!(?<!MET)[\p{L}\p{N}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    // Between two genes of one list: "EGFR, KRAS et BRAF", "EGFR/ALK/ROS1", "EGFR ni de l'ALK", "HER2 (ERBB2)".
    [GeneratedRegex(
        @"\G(?:\s*(?:,|/|\(|\)|;)?\s*(?:(?:and|or|nor|et|ou|ni)\s+)?(?:(?:de\s+l['’]|du|des|de|d['’]|l['’]|the)\s*)?(?:g[èe]nes?\s+|genes?\s+)?)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();

    // Between an alteration word and the result word that qualifies it: "mutation: not detected", "rearrangement detected".
    [GeneratedRegex(@"^[^,;]{0,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex ResultAfterKind();

    // What may stand between an alteration word and its gene: "mutation activatrice de l'", "absence de réarrangement
    // du gène", "pathogenic variant in", "fusion CD74-".
    [GeneratedRegex(
        @"^(?:\s|[(:-]|(?:de|du|des|d['’]|l['’]|of|in|at|the|au\s+niveau\s+d[eu]s?|dans|sur|pour|for|on|g[èe]nes?|genes?|activat(?:rice|ing)s?|sensibilisantes?|sensiti[sz]ing|pathog[èe]nes?|pathogenic|d[ée]l[ée]t[èe]res?|deleterious|oncog[ée]niques?|oncogenic|somati(?:c|ques?)|germ(?:line|inales?)|constitutionnel(?:le)?s?|h[ée]r[ée]ditaires?|hereditary|inherited|ponctuelles?|point|driver|(?-i:[A-Z][A-Z0-9]{1,7})-|[A-Z0-9]+-)(?![\p{L}]))*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Connector();

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])(?:" +
        @"(?<var>" + VariantText.Pattern + @")" +
        @"|(?<negmut>wild[- ]?types?|wildtype|(?-i:WT)|sauvages?|non[- ]mut[ée]e?s?|not\s+mutated|unmutated|mutation[- ]negative)" +
        @"|(?<negfus>non[- ]r[ée]arrang[ée]e?s?|not\s+rearranged|non[- ]transloqu[ée]e?s?|fusion[- ]negative)" +
        @"|(?<negamp>non[- ]amplifi[ée]e?s?|not\s+amplified|unamplified)" +
        @"|(?<mut>mutations?|mut[ée]e?s?|mutated|mutants?|mutantes?|pathogenic\s+variants?|variants?\s+pathog[èe]nes?|likely\s+pathogenic\s+variants?|deleterious\s+variants?|variants?\s+d[ée]l[ée]t[èe]res?)" +
        @"|(?<fus>r[ée]arrangements?|r[ée]arrang[ée]e?s?|rearranged|fusions?|transloca(?:tions?|t[ée]e?s?)|transloqu[ée]e?s?|translocated)" +
        @"|(?<amp>amplifications?|amplifi[ée]e?s?|amplified)" +
        @"|(?<alt>alt[ée]rations?|alterations?)" +
        @"|(?<pos>positi(?:ve|f|fs|ves)|pos|d[ée]tect[ée]e?s?|detected|pr[ée]sente?s?|present|identifi[ée]e?s?|identified|retrouv[ée]e?s?|found)" +
        @"|(?<neg>n[ée]gati(?:ve|f|fs|ves)|neg|not\s+(?:detected|identified|found|present|seen)|non\s+(?:d[ée]tect|retrouv|identifi|mis\s+en\s+[ée]vidence)\p{L}*|absente?s?|undetected)" +
        @")(?![\p{L}\p{N}])|(?<var>" + VariantText.MetExon14 + @")(?![\p{L}\p{N}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CueWord();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:" + VariantText.Pattern + @")(?![\p{L}\p{N}])|" + VariantText.MetExon14, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VariantPattern();

    // An alteration word that names the test, not its result: "mutation status", "recherche de mutation", "analyse".
    [GeneratedRegex(
        @"\G\s*(?:status|statut|analys[ie]s|analyses?|testing|tests?|screening|search|recherche|panel|study|[ée]tude|assay|profil(?:e|ing)?|detection|d[ée]tection)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KindLabel();

    // A treatment or a laboratory value before the gene's name: "anti-EGFR", "inhibiteur de BRAF", "alkaline phosphatase (ALK".
    [GeneratedRegex(
        @"(?:(?<![\p{L}])anti\s?-?\s?|inhibiteurs?\s+(?:de\s+l['’]\s?|du\s+|d['’]\s?|de\s+)?|inhibitors?\s+(?:of\s+)?|phosphatases?\s+alcalines?\s*\(?\s*|alkaline\s+phosphatase\s*\(?\s*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotAGene();

    // A treatment or a laboratory value after it: "EGFR TKI", "BRAF inhibitor", "eGFR (CKD-EPI) 97 mL/min", "ALK PHOS".
    [GeneratedRegex(
        @"^\s*-?\s*(?:TKIs?|inhibitors?|inhibiteurs?|tyrosine[- ]kinase\s+inhibitors?|ITKs?|targeted\s+(?:therapy|agents?|treatment)|(?:-|\s)?directed|blockade|antibod(?:y|ies)|antagonists?|PHOS|phosphatase|\(?\s*(?:CKD|MDRD|Cockcroft)|[^\n]{0,25}?m[lL]\s*/\s*min)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotAGeneAfter();

    [GeneratedRegex(
        @"pending|en\s+cours|en\s+attente|awaited|à\s+(?:demander|faire|r[ée]aliser|rechercher|pr[ée]voir|venir)|demand[ée]e?s?|requested|sent\s+(?:to|for)|envoy[ée]e?s?|to\s+be\s+(?:done|performed|requested|tested)|will\s+be\s+(?:tested|performed|done|sent|requested)|sera\s+(?:r[ée]alis|demand|recherch|fait)\p{L}*|not\s+(?:performed|done|tested|assessed|evaluable|interpretable|contributive|available)|non\s+(?:fait|r[ée]alis[ée]|test[ée]|contributi|interpr[ée]t|[ée]valu|disponible)\p{L}*|ininterpr[ée]table|uninterpretable|insufficient|insuffisant|failed|[ée]chec|ind[ée]termin\p{L}*|indeterminate|inconclusive|required|requis|n[ée]cessaire|prerequisite|pr[ée]requis|eligib\p{L}*|[ée]ligib\p{L}*|(?<![\p{L}])(?:if|si|whether)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotDone();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:germline|germinale?s?|constitutionnel(?:le)?s?|constitutional|h[ée]r[ée]ditaires?|hereditary|inherited|somatic|somatiques?|tumou?r(?:al|ale|ales)?\s+only)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginWord();

    [GeneratedRegex(@"somati|tumou?r", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SomaticWord();
}
