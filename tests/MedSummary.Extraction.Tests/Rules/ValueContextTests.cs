using MedSummary.Core.Provenance;
using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

/// <summary>
/// The context layer's "is this token a value at all" qualifiers, each in French and English: scale legends and
/// reference ranges, printed option lists and templates, another structure's code, checklist items answered no.
/// </summary>
public sealed class ValueContextTests
{
    // text, the token asked about (first occurrence of the marked token, see Span), the qualifier expected
    public static TheoryData<string, string, ScopeKind> NotValues => new()
    {
        // Legends and reference ranges.
        { "HER2 protein expression (scored 0-[3+]): 1+", "3+", ScopeKind.Legend },
        { "HER2 (cotation de 0 à [3+]) : 2+", "3+", ScopeKind.Legend },
        { "Score HER2 (échelle [0]-3+) : 1+", "0", ScopeKind.Legend },
        { "HercepTest scale [0] to 3+; this tumour: 1+", "0", ScopeKind.Legend },
        { "Leucocytes 12.4 G/L (normal 4-[10])", "10", ScopeKind.Legend },
        { "Hémoglobine 9,8 g/dL (valeurs normales 12-[16])", "16", ScopeKind.Legend },
        { "Reference ranges: ER/PR [Negative] <1%, Positive >=1%", "Negative", ScopeKind.Legend },
        { "Seuils : [négatif] < 1 %, positif ≥ 1 %", "négatif", ScopeKind.Legend },
        { "ER/PR [positive] is defined as an Allred score above 2", "positive", ScopeKind.Legend },
        { "Le statut RE est [positif] si au moins 1 % des noyaux sont marqués", "positif", ScopeKind.Legend },

        // Option lists and templates.
        { "Primary tumour: [T4b] / T4a / T3 / T2 / T1", "T4b", ScopeKind.OptionList },
        { "Primary tumour: T4b / T4a / T3 / T2 / [T1]", "T1", ScopeKind.OptionList },
        { "Tumeur primitive : pT1 | pT2 | [pT3] | pT4", "pT3", ScopeKind.OptionList },
        { "Regional nodes: [ ] [pN0] [ ] pN1 [ ] pN2", "pN0", ScopeKind.OptionList },
        { "HER2 : [ ] [positif] [ ] négatif", "positif", ScopeKind.OptionList },
        { "ER status: [positive] / negative", "positive", ScopeKind.OptionList },
        { "Statut RP : [positif] / négatif / non évalué", "positif", ScopeKind.OptionList },
        { "HER2 IHC: 0 / 1+ / [2+] / 3+", "2+", ScopeKind.OptionList },
        { "Metastasis: [M0] or M1 (circle one)", "M0", ScopeKind.OptionList },
        { "Métastases : [M0] ou M1", "M0", ScopeKind.OptionList },
        { "[pT1]: Tumour 2 cm or less. pT2: Tumour more than 2 cm. pT3: Tumour more than 5 cm.", "pT1", ScopeKind.OptionList },
        { "[pT1] : tumeur de 2 cm ou moins. pT2 : tumeur de plus de 2 cm. pT3 : tumeur de plus de 5 cm.", "pT1", ScopeKind.OptionList },

        { "Lymphovascular invasion: [present] / absent", "present", ScopeKind.OptionList },
        { "Emboles vasculaires : présents / [absents]", "absents", ScopeKind.OptionList },
        { "Margins: [involved] / uninvolved", "involved", ScopeKind.OptionList },
        { "Berges : [saines] ou atteintes", "saines", ScopeKind.OptionList },
        { "Residual tumour: [R0] / R1 / R2", "R0", ScopeKind.OptionList },
        { "Résidu tumoral : R0, [R1] ou R2", "R1", ScopeKind.OptionList },

        // Another structure's code.
        { "Perineural invasion ([PN0]), vascular invasion (V0)", "PN0", ScopeKind.OtherStructure },
        { "Engainements périnerveux : [PN1]", "PN1", ScopeKind.OtherStructure },

        // Checklist items answered no.
        { "Tumour perforation ([pT4]): No", "pT4", ScopeKind.AnsweredNo },
        { "Serosal involvement ([pT4a]): absent.", "pT4a", ScopeKind.AnsweredNo },
        { "Distant metastasis ([pM1]): not identified", "pM1", ScopeKind.AnsweredNo },
        { "Perforation tumorale ([pT4]) : non", "pT4", ScopeKind.AnsweredNo },
        { "Effraction capsulaire ([pN1b]) : absente.", "pN1b", ScopeKind.AnsweredNo },
    };

    public static TheoryData<string, string> Values => new()
    {
        { "HER2 protein expression (scored 0-3+): [1+]", "1+" },
        { "HER2 (cotation de 0 à 3+) : [2+]", "2+" },
        { "ER [positive] (95%), PR negative (0%)", "positive" },
        { "RE : [positif] (80 %)", "positif" },
        { "ER Score: 11 [Positive]. PR Score: 7 Positive.", "Positive" },
        { "Stage: [pT2] pN1 M0", "pT2" },
        { "Regional nodes: [x] [pN1] [ ] pN0", "pN1" },
        { "HER2 : [ ] positif [x] [négatif]", "négatif" },
        { "Primary Tumor (pT): [pT1a]: Tumor 2 cm or less in greatest dimension.", "pT1a" },
        { "Lymph nodes ([pN1]): Yes, 2 of 14", "pN1" },
        { "pT3 [pN0] (0/12), perineural invasion present", "pN0" },
        { "Ganglions régionaux : [pN0] (0/15) ; engainements présents", "pN0" },
        { "Percentage of stained nuclei: [80]-90%", "80" },
        { "Lymphovascular invasion: [present]; perineural invasion: absent.", "present" },
        { "Emboles vasculaires : [absents], engainements : présents", "absents" },
        { "Margins: [x] [uninvolved] [ ] involved", "uninvolved" },
        { "Résection [R0], berges saines", "R0" },

        // The digit that ends a marker's name starts no range.
        { "Expression de PD-L1 à [60 %].", "60 %" },
        { "PD-L1 - [45%] of tumour cells", "45%" },
    };

    [Theory]
    [MemberData(nameof(NotValues))]
    public void Flags_tokens_that_are_not_values(string marked, string token, ScopeKind expected)
    {
        var (text, span) = Unmark(marked, token);
        ClinicalScope.Detect(text, span, ScopeKind.NotAValue).ShouldBe(expected, $"in \"{text}\"");
        ClinicalScope.IsAffirmed(text, span, ScopeKind.NotAValue).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Leaves_real_values_alone(string marked, string token)
    {
        var (text, span) = Unmark(marked, token);
        ClinicalScope.Detect(text, span, ScopeKind.NotAValue).ShouldBe(ScopeKind.None, $"in \"{text}\"");
    }

    [Fact]
    public void The_new_qualifiers_are_only_checked_when_asked()
    {
        var (text, span) = Unmark("Tumour perforation ([pT4]): No", "pT4");
        ClinicalScope.Detect(text, span).ShouldBe(ScopeKind.None);
        ClinicalScope.Detect(text, span, ScopeKind.AnsweredNo).ShouldBe(ScopeKind.AnsweredNo);
    }

    [Theory]
    [InlineData(ScopeKind.Legend, "part of a scale legend or reference range")]
    [InlineData(ScopeKind.OptionList, "one option of a printed list")]
    [InlineData(ScopeKind.AnsweredNo, "a checklist item answered no")]
    public void Describes_each_qualifier_for_a_reviewer(ScopeKind kind, string phrase) =>
        ClinicalScope.Describe(kind).ShouldBe(phrase);

    /// <summary>Removes the square brackets around the token asked about and returns its span in the clean text.</summary>
    private static (string Text, TextSpan Span) Unmark(string marked, string token)
    {
        var open = marked.IndexOf("[" + token + "]", StringComparison.Ordinal);
        open.ShouldBeGreaterThanOrEqualTo(0, $"no [{token}] in \"{marked}\"");
        var text = marked.Remove(open + 1 + token.Length, 1).Remove(open, 1);
        return (text, new TextSpan(open, open + token.Length));
    }
}
