using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Extraction.Identity;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Identity;

/// <summary>
/// The dossier's identity and the different-patients alert, from documents read by the real extractor: the same patient
/// written differently raises nothing; another birth date, another identifier of the same kind or another name raises
/// one critical alert per misfiled document, naming files only and citing both documents.
/// </summary>
public sealed class DossierIdentityTests
{
    private static SourceDocument Doc(string text, string file, string language = "fr") => TestDocuments.FromText(text, language, file);

    [Fact]
    public void The_same_patient_written_with_other_accents_case_order_titles_and_initials_raises_no_alert()
    {
        var outcome = DossierIdentity.Reconcile(
        [
            Doc("Patient : Mme Sylvie LEMAÎTRE\nNée le : 25/03/1943\nN° IPP : 63741484", "01.pdf"),
            Doc("Objet : Madame Sylvie Lemaitre, née le 25/03/1943", "02.pdf"),
            Doc("Nom : LEMAITRE\nPrénom : Sylvie\nDDN : 25.03.1943\nIPP : 63 741 484", "03.pdf"),
            Doc("Patient: S.L. DOB 25/03/1943", "04.pdf", "en"),
            Doc("Patiente : Mme Sylvie DUVAL épouse LEMAÎTRE", "05.pdf"),
        ]);

        outcome.Alerts.ShouldBeEmpty();
        outcome.ByDocument.Count.ShouldBe(5);
        outcome.Patient.ShouldNotBeNull();
        outcome.Patient.Name!.Normalized.ShouldBe("LEMAITRE SYLVIE");
        outcome.Patient.BirthDate!.Normalized.ShouldBe("1943-03-25");
        outcome.Patient.Sex!.Normalized.ShouldBe("female");
        outcome.Patient.Identifiers.ShouldHaveSingleItem().Normalized.ShouldBe("63741484");
        outcome.Patient.Name.Citations.Select(c => c.FileName).Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Theory]
    [InlineData("Patient : Mme Sylvie LEMAÎTRE\nNée le : 26/03/1943\nN° IPP : 63741484", "birth_date")]
    [InlineData("Patient : Mme Sylvie LEMAÎTRE\nNée le : 25/03/1943\nN° IPP : 63741485", "identifier:IPP")]
    [InlineData("Patient : Mme Monique LEMAÎTRE\nN° IPP : 63741484", "name")]
    [InlineData("Patient : Mme Sylvie BERNARD", "name")]
    [InlineData("Patient : M.B.\nNée le : 25/03/1943", "name")]
    public void A_document_of_another_patient_raises_one_critical_alert_citing_both_documents(string misfiled, string part)
    {
        var outcome = DossierIdentity.Reconcile(
        [
            Doc("Patient : Mme Sylvie LEMAÎTRE\nNée le : 25/03/1943\nN° IPP : 63741484", "01-imagerie.pdf"),
            Doc("Patient : Madame Sylvie Lemaître\nNée le : 25/03/1943\nN° IPP : 63741484", "02-anapath.pdf"),
            Doc(misfiled, "03-autre.pdf"),
            Doc("Patient : Mme Sylvie LEMAITRE\nDate de naissance : 25/03/1943", "04-suivi.pdf"),
        ]);

        var alert = outcome.Alerts.ShouldHaveSingleItem();
        alert.Kind.ShouldBe(AlertKinds.DifferentPatients);
        alert.Severity.ShouldBe("critical");
        alert.About.ShouldBe(part);
        alert.Message.ShouldContain("03-autre.pdf");
        alert.Citations.Select(c => c.FileName).ShouldContain("03-autre.pdf");
        alert.Citations.Select(c => c.FileName).ShouldContain(f => f != "03-autre.pdf");
        outcome.Patient!.Name!.Normalized.ShouldBe("LEMAITRE SYLVIE");

        // The message names files, never the patient.
        alert.Message.ShouldNotContain("LEMA", Case.Insensitive);
        alert.Message.ShouldNotContain("Sylvie", Case.Insensitive);
        alert.Message.ShouldNotContain("1943");
        alert.Message.ShouldNotContain("6374148");
    }

    [Fact]
    public void Initials_match_a_full_name_when_their_letters_begin_its_words_and_only_then()
    {
        PatientNames.AreCompatible("H.C.", "Helen CARTER").ShouldBeTrue();
        PatientNames.AreCompatible("C. H.", "CARTER Helen").ShouldBeTrue();
        PatientNames.AreCompatible("J. DUPONT", "Jean DUPONT").ShouldBeTrue();
        PatientNames.AreCompatible("P.W.", "Christine WAVERLEY").ShouldBeFalse();
        PatientNames.AreCompatible("Peter WAVERLEY", "Christine WAVERLEY").ShouldBeFalse();
        PatientNames.AreCompatible("Jean-Pierre O'NEIL", "o neil jean pierre").ShouldBeTrue();
        PatientNames.AreCompatible("Marie MARTIN épouse DUPONT", "Marie DUPONT").ShouldBeTrue();
        PatientNames.AreCompatible("Hélène FAURE", "HELENE FAURÉ").ShouldBeTrue();
        PatientNames.AreCompatible("Hélène FAURE", "Hélène FAURET").ShouldBeFalse();
    }

    [Fact]
    public void Documents_that_state_no_identity_leave_the_dossier_without_one()
    {
        var outcome = DossierIdentity.Reconcile([Doc("Compte rendu opératoire. Tumorectomie du sein droit.", "01.pdf")]);

        outcome.Patient.ShouldBeNull();
        outcome.ByDocument.ShouldBeEmpty();
        outcome.Alerts.ShouldBeEmpty();
    }
}
