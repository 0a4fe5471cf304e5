using MedSummary.Retrieval.Text;
using Shouldly;

namespace MedSummary.Retrieval.Tests.Text;

/// <summary>The clinical meaning of words, as the index, the query and the hashed embedder see it (through <see cref="LexicalText"/>).</summary>
public sealed class ClinicalLexiconTests
{
    [Theory]
    [InlineData("eGFR (CKD-EPI) 58 mL/min/1.73m²")]
    [InlineData("DFG (CKD-EPI) 97 mL/min/1,73m²")]
    [InlineData("DFGe à 71")]
    [InlineData("GFR 64")]
    [InlineData("EGFR (CKD-EPI) 88 mL/min/1.73m2")]
    [InlineData("EGFR 88 ml/min")]
    public void Every_spelling_of_the_renal_filtration_rate_is_one_word_distinct_from_the_gene(string line)
    {
        var terms = LexicalText.Terms(line);

        terms.ShouldContain("dfg");
        terms.ShouldNotContain("egfr");
    }

    [Theory]
    [InlineData("EGFR exon 19 deletion detected")]
    [InlineData("mutation de l'EGFR (délétion de l'exon 19)")]
    [InlineData("EGFR L858R")]
    [InlineData("HER1 amplification")]
    public void The_gene_keeps_its_own_word(string line)
    {
        var terms = LexicalText.Terms(line);

        terms.ShouldContain("egfr");
        terms.ShouldNotContain("dfg");
    }

    [Fact]
    public void A_query_asks_for_the_gene_or_the_filtration_rate_by_its_case()
    {
        LexicalText.QueryTerms("EGFR exon 19", 10).ShouldBe(["egfr", "exon", "19"]);
        LexicalText.QueryTerms("egfr mutation", 10).ShouldBe(["egfr", "mutation"]);
        LexicalText.QueryTerms("eGFR", 10).ShouldBe(["dfg"]);
        LexicalText.QueryTerms("DFG", 10).ShouldBe(["dfg"]);
    }

    [Theory]
    [InlineData("débit de filtration glomérulaire")]
    [InlineData("glomerular filtration rate")]
    [InlineData("kidney function")]
    [InlineData("Fonction rénale")]
    [InlineData("clairance de la créatinine")]
    public void Spelled_out_renal_function_also_searches_the_abbreviation(string query)
    {
        LexicalText.QueryTerms(query, 10).ShouldContain("dfg");
    }

    [Theory]
    [InlineData("RE : 80 % (positifs)", "oestrogene")]
    [InlineData("ER positive (100%)", "oestrogene")]
    [InlineData("RP positifs (60 %)", "progesterone")]
    [InlineData("PgR: negative (<1%)", "progesterone")]
    [InlineData("PR négatifs", "progesterone")]
    [InlineData("Récepteurs aux œstrogènes : positifs", "oestrogene")]
    [InlineData("Estrogen receptor positive", "oestrogene")]
    [InlineData("oestrogen receptors", "oestrogene")]
    public void Hormone_receptors_are_one_word_in_french_english_and_abbreviated(string line, string concept)
    {
        LexicalText.Terms(line).ShouldContain(concept);
    }

    [Theory]
    [InlineData("Appearances in keeping with PR after 3 cycles.", "progesterone")]
    [InlineData("RE: consultation du 12/03", "oestrogene")]
    [InlineData("HR 72/min, TA 130/80", "rh")]
    [InlineData("Classification OMS des tumeurs", "ecog")]
    [InlineData("ACE inhibitor stopped", "cea")]
    public void An_abbreviation_without_its_clinical_context_keeps_its_plain_meaning(string line, string concept)
    {
        LexicalText.Terms(line).ShouldNotContain(concept);
    }

    [Theory]
    [InlineData("indice de performance OMS 1")]
    [InlineData("PS 1; fully independent")]
    [InlineData("performance status (ECOG) à 1")]
    [InlineData("performance status WHO 0")]
    public void Performance_scores_are_one_word(string line)
    {
        LexicalText.Terms(line).ShouldContain("ecog");
    }

    [Fact]
    public void A_query_takes_abbreviations_in_their_clinical_meaning_without_context()
    {
        LexicalText.QueryTerms("PS de la patiente", 10).ShouldBe(["ecog", "patiente"]);
        LexicalText.QueryTerms("ER PR status", 10).ShouldBe(["oestrogene", "progesterone", "status"]);
        LexicalText.QueryTerms("RH positifs", 10).ShouldBe(["rh", "positif", "oestrogene", "progesterone"]);
        LexicalText.QueryTerms("récepteurs hormonaux", 10).ShouldBe(["recepteur", "hormonaux", "rh", "oestrogene", "progesterone"]);
        LexicalText.QueryTerms("ACE", 10).ShouldBe(["cea"]);
        LexicalText.QueryTerms("CEA", 10).ShouldBe(["cea"]);
        LexicalText.QueryTerms("performance status", 10).ShouldContain("ecog");
    }

    [Fact]
    public void French_and_english_forms_of_key_oncology_words_meet()
    {
        LexicalText.Fold("neutropénie neutropenia").ShouldBe("neutropenie neutropenie");
        LexicalText.Fold("métastases metastasis metastatic métastatique").ShouldBe("metastase metastase metastatique metastatique");
        LexicalText.Fold("radiothérapie radiotherapy chimiothérapie chemotherapy").ShouldBe("radiotherapie radiotherapie chimiotherapie chimiotherapie");
        LexicalText.Fold("récepteurs receptors").ShouldBe("recepteur recepteur");
    }

    [Fact]
    public void Plurals_of_long_words_fold_to_the_singular_and_short_words_keep_their_s()
    {
        LexicalText.Fold("ganglions métastatiques, 6 ganglion(s) métastatique(s)").ShouldBe("ganglion metastatique 6 ganglion s metastatique s");
        LexicalText.Fold("pas sans mois fois").ShouldBe("pas sans mois fois");
        LexicalText.Fold("stress process trois status virus").ShouldBe("stress process trois status virus");
    }

    [Fact]
    public void Folding_stays_within_the_announced_buffer_for_the_longest_expansions()
    {
        // "RP%" grows from 3 characters to 13: about the worst case the buffer size accounts for.
        var text = string.Concat(Enumerable.Repeat("RP%", 200));
        var buffer = new char[LexicalText.MaxFoldedLength(text.Length)];

        var length = LexicalText.Fold(text, buffer);

        new string(buffer, 0, length).ShouldBe(string.Join(' ', Enumerable.Repeat("progesterone", 200)));
    }
}
