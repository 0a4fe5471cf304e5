using MedSummary.Core.Contract;
using MedSummary.Extraction.Analysis;
using MedSummary.Extraction.Grounding;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Grounding;

public sealed class GroundedFormFillerTests : IDisposable
{
    private readonly GroundingHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static object Field(string quote, string? value) => new { quote, value };

    private async Task<(Core.Documents.Dossier A, Core.Documents.Dossier B)> TwoPatientsAsync() =>
        (await _harness.IndexAsync("patient-a", GroundingHarness.PatientA), await _harness.IndexAsync("patient-b", GroundingHarness.PatientB));

    [Fact]
    public async Task Faithful_answers_are_found_with_citations_cut_from_the_source()
    {
        var (a, _) = await TwoPatientsAsync();
        var chat = new ScriptedChatClient()
            .Answer("form_patient", new
            {
                age_at_diagnosis = Field("Patiente de 58 ans", "58"),
                sex = Field("Patiente de 58 ans", "female"),
                ecog = Field("performance status (ECOG) à 1", "1"),
            })
            .Answer("form_biomarkers", new { brca_status = Field("Recherche de mutation BRCA1/2 négative", "wild-type") })
            .Answer("form_staging", new { metastatic_sites = new[] { Field("pas de lésion secondaire à distance", "none") } })
            .Answer("form_treatments", new
            {
                prior_treatments = new[] { new { quote = "Traitement par FEC100 x3 puis docetaxel x3 débuté le 02/05/2023", kind = "chemotherapy", agent = "FEC100 x3 puis docetaxel x3", start = "2023-05-02", end = (string?)null } },
                toxicities = new[] { new { quote = "Neutropénie de grade 3", name = "neutropenia", grade = 3 } },
            });

        using var usage = ModelUsageScope.Begin();
        var form = await _harness.Filler(chat).FillAsync(a, CancellationToken.None);

        GroundingHarness.Verify(form, a).ShouldBeEmpty();
        ContractFields.Required.ShouldBeSubsetOf(form.Fields.Keys);
        form.Fields.Keys.ShouldBe(_harness.Schema.Keys, ignoreOrder: true);
        Found(form, "age_at_diagnosis").ShouldBe("58");
        Found(form, "sex").ShouldBe("female");
        Found(form, "ecog").ShouldBe("1");
        Found(form, "brca_status").ShouldBe("wild-type");
        Found(form, "metastatic_sites").ShouldBe("none");
        // Age and sex are read by the rules too: the model agreeing adds its citation to the rules' value.
        form.Fields["age_at_diagnosis"].Source.ShouldBe(FieldSource.Rule);
        form.Fields["age_at_diagnosis"].Value.ShouldBe("Patiente de 58 ans");
        form.Fields["ecog"].Source.ShouldBe(FieldSource.Rule);
        var treatment = form.Fields["prior_treatments"].Items.ShouldHaveSingleItem();
        treatment.Parts!["kind"].ShouldBe("chemotherapy");
        treatment.Parts["start"].ShouldBe("2023-05-02");
        form.Fields["toxicities"].Items.ShouldHaveSingleItem().Parts!["grade"].ShouldBe("3");
        usage.Calls.ShouldBe(_harness.Schema.Groups.Count);
        usage.ValuesRejected.ShouldBe(0);
    }

    [Fact]
    public async Task Groups_are_asked_concurrently_up_to_the_bound_and_give_the_same_form_as_one_by_one()
    {
        static ScriptedChatClient Scripted() => new ScriptedChatClient()
            .Answer("form_patient", new { age_at_diagnosis = Field("Patiente de 58 ans", "58"), ecog = Field("performance status (ECOG) à 1", "1") })
            .Answer("form_biomarkers", new { brca_status = Field("Recherche de mutation BRCA1/2 négative", "wild-type") })
            .Answer("form_receptors", new { er_status = Field("RE : 90 % (positifs)", "negative") })
            .Answer("form_pathology", new { grade = Field("grade III de Nottingham", "G3") });

        using var oneByOne = new GroundingHarness(new GroundingOptions { MaxParallelGroups = 1 });
        using var together = new GroundingHarness(new GroundingOptions { MaxParallelGroups = 3 });
        var sequentialChat = Scripted();
        var concurrentChat = Scripted();
        concurrentChat.ReleaseAt = 3;

        var sequential = await oneByOne.Filler(sequentialChat).FillAsync(await oneByOne.IndexAsync("patient-a", GroundingHarness.PatientA), CancellationToken.None);
        var dossier = await together.IndexAsync("patient-a", GroundingHarness.PatientA);
        using var usage = ModelUsageScope.Begin();
        var concurrent = await together.Filler(concurrentChat).FillAsync(dossier, CancellationToken.None);

        sequentialChat.MaxInFlight.ShouldBe(1);
        concurrentChat.MaxInFlight.ShouldBe(3);
        concurrentChat.Requests.Count.ShouldBe(together.Schema.Groups.Count);
        usage.Calls.ShouldBe(together.Schema.Groups.Count);
        // The wrong receptor value and the invented grade are refused exactly as strictly when groups run together.
        usage.ValuesRejected.ShouldBe(2);
        concurrent.Fields["er_status"].Reason.ShouldNotBeNull().ShouldContain("negative");
        GroundingHarness.Verify(concurrent, dossier).ShouldBeEmpty();
        concurrent.Fields.Keys.ShouldBe(sequential.Fields.Keys, ignoreOrder: true);
        foreach (var (key, field) in sequential.Fields)
        {
            var other = concurrent.Fields[key];
            (other.Status, other.Value, other.Source, other.State).ShouldBe((field.Status, field.Value, field.Source, field.State), key);
            other.Reason.ShouldBe(field.Reason, key);
            other.Citations.Select(c => (c.FileName, c.Start, c.End, c.Quote)).ShouldBe(field.Citations.Select(c => (c.FileName, c.Start, c.End, c.Quote)), key);
        }

        Found(concurrent, "brca_status").ShouldBe("wild-type");
    }

    [Fact]
    public async Task The_model_sees_only_passages_of_its_own_dossier_and_never_the_whole_dossier()
    {
        var (a, b) = await TwoPatientsAsync();
        var chat = new ScriptedChatClient();
        await _harness.Filler(chat).FillAsync(a, CancellationToken.None);

        var pool = await _harness.Collector.GetAsync(a, CancellationToken.None);
        pool.Passages.ShouldNotBeEmpty();
        pool.Passages.ShouldAllBe(p => a.DocumentsById.ContainsKey(p.Document.Id));
        chat.Requests.Count.ShouldBe(_harness.Schema.Groups.Count);
        foreach (var (messages, _) in chat.Requests)
        {
            var prompt = string.Join("\n", messages.Select(m => m.Text));
            prompt.ShouldNotContain("EGFR exon 19");
            prompt.ShouldNotContain(b.Documents[0].FileName);
        }

        // Every prompt starts with the same passages: the shared prefix the KV cache reuses.
        var users = chat.Requests.Select(r => r.Messages[1].Text).ToList();
        var prefix = users[0][..users[0].IndexOf("Task:", StringComparison.Ordinal)];
        users.ShouldAllBe(u => u.StartsWith(prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hallucinated_values_never_come_out_as_found()
    {
        var (a, _) = await TwoPatientsAsync();
        var chat = new ScriptedChatClient()
            // Right quote, wrong value.
            .Answer("form_receptors", new { er_status = Field("RE : 90 % (positifs)", "negative"), ki67 = Field("RE : 90 % (positifs)", "90%") })
            // A quote that is in no passage (the report says grade II), and a value from the other patient's report.
            .Answer("form_pathology", new { grade = Field("grade III de Nottingham", "G3"), laterality = Field("poignet droit", "right") })
            .Answer("form_biomarkers", new
            {
                egfr_status = Field("mutation EGFR exon 19 détectée", "mutated"),
                brca_status = Field("Recherche de mutation BRCA1/2 négative", "mutated"),
                pdl1_tps = Field("Ki-67 : 20 %", "20%"),
            })
            // Invented values with made-up quotes, and a proposal reported as a treatment.
            .Answer("form_patient", new { age_at_diagnosis = Field("patiente âgée de 62 ans", "62"), comorbidities = Field("diabète de type 2", "diabète de type 2") })
            .Answer("form_treatments", new
            {
                prior_treatments = new[]
                {
                    new { quote = "Il est proposé une radiothérapie adjuvante.", kind = "radiotherapy", agent = "radiothérapie adjuvante", start = (string?)null, end = (string?)null },
                    new { quote = "Traitement par FEC100 x3 puis docetaxel x3 débuté le 02/05/2023", kind = "chemotherapy", agent = "FEC100 x6", start = (string?)"2023-05-02", end = (string?)null },
                },
                toxicities = new[] { new { quote = "Neutropénie de grade 3", name = "anemia", grade = 3 } },
            })
            .Answer("form_status", new { disease_status = Field("pas de lésion secondaire à distance", "progressive disease") });

        using var usage = ModelUsageScope.Begin();
        var form = await _harness.Filler(chat).FillAsync(a, CancellationToken.None);

        GroundingHarness.Verify(form, a).ShouldBeEmpty();
        // Rules still read what the report says; the model's wrong values are nowhere in the result.
        Found(form, "er_status").ShouldBe("positive");
        form.Fields["er_status"].Reason.ShouldNotBeNull().ShouldContain("negative");
        Found(form, "grade").ShouldBe("G2");
        Found(form, "laterality").ShouldBe("left");
        form.Fields["ki67"].Normalized.ShouldBe("20%");
        // The rules read the age the report states; the model's invented one is refused.
        Found(form, "age_at_diagnosis").ShouldBe("58");
        form.Fields["age_at_diagnosis"].Reason.ShouldNotBeNull().ShouldContain("62");
        foreach (var key in new[] { "egfr_status", "pdl1_tps", "comorbidities", "prior_treatments", "toxicities", "disease_status" })
        {
            form.Fields[key].Status.ShouldBe(FieldStatus.NotFound, key);
            form.Fields[key].Reason.ShouldNotBeNullOrWhiteSpace(key);
        }

        var everything = form.Fields.Values.SelectMany(f => (f.Candidates ?? []).Select(c => c.Normalized).Append(f.Normalized)).ToList();
        form.Fields["pr_status"].Normalized.ShouldBe("negative");
        everything.ShouldNotContain("G3");
        everything.ShouldNotContain("mutated");
        everything.ShouldNotContain("62");
        everything.ShouldNotContain("progressive disease");
        usage.ValuesRejected.ShouldBeGreaterThanOrEqualTo(12);
        form.Fields["egfr_status"].Reason.ShouldNotBeNull().ShouldContain("not in the passages shown");
        form.Fields["grade"].Reason.ShouldNotBeNull().ShouldContain("not in the passages shown");
        form.Fields["laterality"].Reason.ShouldNotBeNull().ShouldContain("does not say what the value is about");
        form.Fields["ki67"].Reason.ShouldNotBeNull().ShouldContain("about another finding");
        // The rules read the search's result; the model's "mutated" from the searched-for word is refused beside it.
        Found(form, "brca_status").ShouldBe("wild-type");
        form.Fields["brca_status"].Source.ShouldBe(FieldSource.Rule);
        form.Fields["brca_status"].Reason.ShouldNotBeNull().ShouldContain("not established");
        form.Fields["prior_treatments"].Reason.ShouldNotBeNull().ShouldContain("proposes");
        form.Fields["prior_treatments"].Reason.ShouldNotBeNull().ShouldContain("x6");
    }

    [Fact]
    public async Task Malformed_or_cut_answers_lose_only_what_cannot_be_read()
    {
        var (a, _) = await TwoPatientsAsync();
        var chat = new ScriptedChatClient { Default = "I am not JSON" }
            .Answer("form_patient", """{"age_at_diagnosis": {"quote": "Patiente de 58 ans", "value": "58"}, "sex": {"quote": "Patiente de 58 a""");

        var form = await _harness.Filler(chat).FillAsync(a, CancellationToken.None);

        GroundingHarness.Verify(form, a).ShouldBeEmpty();
        Found(form, "age_at_diagnosis").ShouldBe("58");
        // Sex is read by the rules as well, so a cut answer leaves the rules' value.
        Found(form, "sex").ShouldBe("female");
        form.Fields["sex"].Source.ShouldBe(FieldSource.Rule);
        form.Fields["comorbidities"].Reason.ShouldNotBeNull().ShouldContain("cut");
        // Groups whose answer is not JSON at all keep the rules' values.
        Found(form, "er_status").ShouldBe("positive");
        form.Fields["egfr_status"].Reason.ShouldNotBeNull().ShouldContain("could not be read");
    }

    [Fact]
    public async Task Model_calls_are_reported_planned_then_finished_one_by_one_even_when_they_fail()
    {
        var (a, _) = await TwoPatientsAsync();
        var chat = new ScriptedChatClient { Throw = new HttpRequestException("connection refused") };
        var reports = new List<(int Done, int Total)>();

        using (ModelCallProgress.Begin((done, total) => reports.Add((done, total))))
        {
            await _harness.Filler(chat).FillAsync(a, CancellationToken.None);
        }

        var groups = _harness.Schema.Groups.Count;
        reports.ShouldBe([(0, groups), .. Enumerable.Range(1, groups).Select(i => (i, groups))]);

        // Outside a report, calls count nowhere (and fail nothing).
        await _harness.Filler(chat).FillAsync(a, CancellationToken.None);
        reports.Count.ShouldBe(groups + 1);
    }

    [Fact]
    public async Task A_failing_model_leaves_the_rules_form()
    {
        var (a, _) = await TwoPatientsAsync();
        var chat = new ScriptedChatClient { Throw = new HttpRequestException("connection refused") };

        var form = await _harness.Filler(chat).FillAsync(a, CancellationToken.None);

        Found(form, "er_status").ShouldBe("positive");
        form.Fields["er_status"].Source.ShouldBe(FieldSource.Rule);
        // The reason says what happened in words; the exception's type goes to the log, never to the form.
        var reason = form.Fields["comorbidities"].Reason.ShouldNotBeNull();
        reason.ShouldContain("could not be reached");
        reason.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task Agreement_with_the_rules_raises_confidence_and_keeps_both_citations()
    {
        var (a, _) = await TwoPatientsAsync();
        var rulesOnly = await _harness.Filler(new ScriptedChatClient()).FillAsync(a, CancellationToken.None);
        var chat = new ScriptedChatClient().Answer("form_receptors", new { er_status = Field("Profil immunohistochimique : RE : 90 % (positifs)", "positive") });

        var form = await _harness.Filler(chat).FillAsync(a, CancellationToken.None);

        var before = rulesOnly.Fields["er_status"];
        var after = form.Fields["er_status"];
        after.Status.ShouldBe(FieldStatus.Found);
        after.Normalized.ShouldBe("positive");
        after.Confidence.ShouldBeGreaterThan(before.Confidence);
        after.Citations.Count.ShouldBeGreaterThan(before.Citations.Count);
        after.Citations.ShouldContain(c => c.Quote.StartsWith("Profil immunohistochimique", StringComparison.Ordinal));
        GroundingHarness.Verify(form, a).ShouldBeEmpty();
    }

    private static string? Found(FormResult form, string key)
    {
        var field = form.Fields[key];
        field.Status.ShouldBe(FieldStatus.Found, $"{key}: {field.Reason}");
        field.Citations.ShouldNotBeEmpty(key);
        return field.Normalized;
    }
}
