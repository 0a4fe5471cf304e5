using System.Text.Json.Nodes;
using MedSummary.Core.Contract;
using MedSummary.Core.Gold;
using MedSummary.Extraction.Grounding;
using MedSummary.Extraction.Grounding.Answers;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Prompts;
using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Grounding;

public sealed class FormSchemaTests
{
    private static readonly EmbeddedPromptProvider Prompts = new();

    private static string DefaultJson => Prompts.ReadText(FormSchemaLoader.DefaultPath);

    [Fact]
    public void The_default_form_declares_every_contract_and_gold_field_in_bilingual_groups()
    {
        var schema = FormSchemaLoader.Load(Prompts);

        schema.Keys.ShouldBeUnique();
        ContractFields.Required.ShouldBeSubsetOf(schema.Keys);
        GoldFields.All.ShouldBeSubsetOf(schema.Keys);
        foreach (var extra in new[] { "ros1_status", "pdl1_cps", "icdo3_topography", "icdo3_morphology", "comorbidities", "board_question", "discovery_circumstances", "prior_treatments", "toxicities" })
        {
            schema.Keys.ShouldContain(extra);
        }

        schema.Fields.ShouldAllBe(f => f.Hints.Fr.Count > 0 && f.Hints.En.Count > 0 && f.Label.Fr.Length > 0 && f.Label.En.Length > 0);
        schema.Fields.Where(f => ContractFields.Required.Contains(f.Key)).ShouldAllBe(f => f.Rules);
        schema.Groups.Count.ShouldBeLessThanOrEqualTo(8);
    }

    [Fact]
    public void Every_driver_gene_the_rules_read_is_declared_as_a_rule_field_with_its_base_values()
    {
        var schema = FormSchemaLoader.Load(Prompts);
        foreach (var gene in GeneFields.Table)
        {
            var field = schema.Field(gene.FieldKey);
            field.ShouldNotBeNull(gene.FieldKey);
            field.Rules.ShouldBeTrue(gene.FieldKey);
            var values = field.Vocabulary.Select(v => v.Value).ToList();
            if (gene.Alterations.HasFlag(GeneAlteration.Mutation))
            {
                values.ShouldContain(GeneFields.Mutated, gene.FieldKey);
                values.ShouldContain(GeneFields.WildType, gene.FieldKey);
            }

            if (gene.Alterations.HasFlag(GeneAlteration.Fusion))
            {
                values.ShouldContain(GeneFields.Positive, gene.FieldKey);
                values.ShouldContain(GeneFields.Negative, gene.FieldKey);
            }

            if (gene.Alterations.HasFlag(GeneAlteration.Amplification))
            {
                values.ShouldContain(GeneFields.Amplified, gene.FieldKey);
                values.ShouldContain(GeneFields.NotAmplified, gene.FieldKey);
            }
        }
    }

    [Fact]
    public void Every_field_the_rules_fill_is_declared_as_read_by_rules_with_its_vocabulary()
    {
        var schema = FormSchemaLoader.Load(Prompts);

        foreach (var key in RuleExtractionEngine.PathologyKeys)
        {
            schema.Field(key).ShouldNotBeNull(key).Rules.ShouldBeTrue(key);
        }

        string[] Values(string key) => [.. schema.Field(key)!.Vocabulary.Select(v => v.Value)];
        Values("margins").ShouldBe(["R0", "R1", "R2"]);
        Values("lvi").ShouldBe(["present", "absent"]);
        Values("pni").ShouldBe(["present", "absent"]);
        Values("menopausal_status").ShouldBe(["premenopausal", "perimenopausal", "postmenopausal"]);
        schema.Field("tumor_size")!.Type.ShouldBe(FormFieldType.Number);
    }

    [Fact]
    public void Vocabularies_use_the_gold_sets_normalized_values()
    {
        var schema = FormSchemaLoader.Load(Prompts);
        string[] Values(string key) => [.. schema.Field(key)!.Vocabulary.Select(v => v.Value)];

        Values("laterality").ShouldBe(["left", "right", "bilateral"], ignoreOrder: true);
        Values("metastatic_sites").ShouldBe(["none", "bone", "liver", "lung", "brain", "adrenal", "pleura", "peritoneum", "distant lymph nodes"], ignoreOrder: true);
        Values("egfr_status").ShouldBe(["mutated", "wild-type"], ignoreOrder: true);
        Values("msi_status").ShouldBe(["msi-h", "mss"], ignoreOrder: true);
        Values("disease_status").ShouldBe(["no evidence of disease", "complete response", "partial response", "stable disease", "progressive disease"], ignoreOrder: true);
        Values("prior_treatments").ShouldBe([GoldTreatmentKinds.Surgery, GoldTreatmentKinds.Chemotherapy, GoldTreatmentKinds.Radiotherapy, GoldTreatmentKinds.Immunotherapy, GoldTreatmentKinds.TargetedTherapy, GoldTreatmentKinds.HormoneTherapy], ignoreOrder: true);
        Values("grade").ShouldBe(["G1", "G2", "G3", "G4"]);
        // Surface forms are folded once at load: lowercase, no accents.
        schema.Field("er_status")!.Vocabulary.SelectMany(v => v.Forms).ShouldContain("negatifs");
        schema.Field("er_status")!.Anchors.ShouldContain("recepteurs aux oestrogenes");
    }

    [Fact]
    public void A_form_missing_a_contract_field_or_with_an_undeclared_group_fails_naming_both()
    {
        var json = JsonNode.Parse(DefaultJson)!.AsObject();
        var fields = json["fields"]!.AsArray();
        fields.Remove(fields.First(f => (string?)f!["key"] == "ki67"));
        fields.First(f => (string?)f!["key"] == "sex")!["group"] = "nowhere";

        var ex = Should.Throw<FormatException>(() => FormSchemaLoader.Parse(json.ToJsonString(), "bad.form.json"));

        ex.Message.ShouldContain("bad.form.json");
        ex.Message.ShouldContain("'ki67' is missing");
        ex.Message.ShouldContain("group 'nowhere'");
    }

    [Theory]
    [InlineData("""{"form":"x","groups":[],"fields":[],"typo":1}""", "not valid JSON")]
    [InlineData("""not json""", "not valid JSON")]
    [InlineData("""{"form":"x","groups":[{"key":"g","label":{"fr":"a","en":"b"}}],"fields":[{"key":"k","label":{"fr":"a","en":"b"},"type":"enum","group":"g","hints":{"fr":["q"],"en":["q"]}}]}""", "needs a vocabulary")]
    [InlineData("""{"form":"x","groups":[{"key":"g","label":{"fr":"a","en":"b"}}],"fields":[{"key":"k","label":{"fr":"a","en":"b"},"type":"tnm","group":"g","hints":{"fr":[],"en":["q"]}}]}""", "hints")]
    public void Malformed_forms_fail_with_the_reason(string json, string reason) =>
        Should.Throw<FormatException>(() => FormSchemaLoader.Parse(json, "f.json")).Message.ShouldContain(reason);

    [Fact]
    public void The_answer_schema_constrains_vocabularies_quotes_and_lists()
    {
        var schema = FormSchemaLoader.Load(Prompts);
        var options = new GroundingOptions();
        var answer = JsonNode.Parse(AnswerSchema.Build(schema.FieldsOf("staging"), options).GetRawText())!;

        answer["required"]!.AsArray().Select(n => (string?)n).ShouldBe(schema.FieldsOf("staging").Select(f => f.Key));
        var er = JsonNode.Parse(AnswerSchema.Build(schema.FieldsOf("receptors"), options).GetRawText())!["properties"]!["er_status"]!;
        er["properties"]!["value"]!["enum"]!.AsArray().Select(n => n?.ToString()).ShouldBe(["positive", "negative", null]);
        er["properties"]!["quote"]!["maxLength"]!.GetValue<int>().ShouldBe(options.MaxQuoteChars);
        // The quote comes first so the value is written after the evidence.
        er["properties"]!.AsObject().First().Key.ShouldBe("quote");
        var sites = answer["properties"]!["metastatic_sites"]!;
        sites["type"]!.GetValue<string>().ShouldBe("array");
        sites["maxItems"]!.GetValue<int>().ShouldBe(options.MaxListItems);
        AnswerSchema.OutputTokens(schema.FieldsOf("staging"), options).ShouldBeLessThanOrEqualTo(options.MaxOutputTokensPerCall);
    }
}
