using MedSummary.Extraction.Identity;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Identity;

/// <summary>
/// Identity headers as hospitals write them, French and English, read by the real extractor: name (normalized family
/// first), birth date (ISO), sex and identifiers, each cited from the text; and the lines that must give nothing.
/// </summary>
public sealed class PatientIdentityExtractorTests
{
    // text, language, normalized name (or null), ISO birth date (or null), sex (or null), "KIND=normalized id" (or null)
    public static TheoryData<string, string, string?, string?, string?, string?> Headers => new()
    {
        // French header blocks.
        { "COMPTE RENDU\nPatient : Mme Sylvie LEMAÎTRE\nNée le : 25/03/1943\nN° IPP : 63741484\nMédecin prescripteur : Dr R. Lefèvre", "fr", "LEMAITRE SYLVIE", "1943-03-25", "female", "IPP=63741484" },
        { "Patient : M. Michel LEMAÎTRE\nNé le : 24/02/1942\nN° IPP : 14696511", "fr", "LEMAITRE MICHEL", "1942-02-24", "male", "IPP=14696511" },
        { "Patiente : Madame Jeanne-Marie DURAND\nDate de naissance : 02/11/1956", "fr", "DURAND JEANNE MARIE", "1956-11-02", "female", null },
        { "Nom : BERTRAND\nPrénom : Louise\nDDN : 14.07.1961\nSexe : F\nIPP : 00451278", "fr", "BERTRAND LOUISE", "1961-07-14", "female", "IPP=00451278" },
        { "Nom de naissance : MARTIN\nNom d'usage : ROUSSEAU\nPrénom : Claire\nNé(e) le : 3 mars 1950", "fr", "ROUSSEAU CLAIRE", "1950-03-03", null, null },
        { "Identité : Monsieur Jacques PETIT\nNIP : 98765432\nSexe : Masculin", "fr", "PETIT JACQUES", null, "male", "NIP=98765432" },
        { "Objet : Madame Sylvie Lemaître, née le 25/03/1943", "fr", "LEMAITRE SYLVIE", "1943-03-25", "female", null },
        { "Cher confrère,\nJe vois ce jour Mme Hélène FAURE, née le 08/09/1948, pour une masse du sein gauche.", "fr", "FAURE HELENE", "1948-09-08", "female", null },
        { "Nom du patient : GARNIER Paul\nN° patient : 12345678", "fr", "GARNIER PAUL", null, null, "IPP=12345678" },
        { "Patient : Mme Marie DUPONT épouse MARTIN\nDDN : 01/01/1960", "fr", "DUPONT MARTIN MARIE", "1960-01-01", "female", null },
        { "Patiente : Mme LEROY Anne, née le 12 mai 1955\nN° dossier : 2023-0456", "fr", "LEROY ANNE", "1955-05-12", "female", "DOSSIER=20230456" },
        { "Nom / Prénom : MOREAU Lucie\nDate de naissance : 1962-04-30", "fr", "MOREAU LUCIE", "1962-04-30", null, null },
        { "Patient : M. Jean-Luc D'ARTOIS   N° IPP : 55 66 77 88", "fr", "D ARTOIS JEAN LUC", null, "male", "IPP=55667788" },
        { "Patient  :  Mme   Odile   ROCHE\nNée  le  :  07/06/1939", "fr", "ROCHE ODILE", "1939-06-07", "female", null },
        { "Numéro de dossier : 778899\nNom : VIDAL\nPrénom : Marc", "fr", "VIDAL MARC", null, null, "DOSSIER=778899" },
        { "Identifiant patient : 44556677\nPatient : Mme Rose BLANC", "fr", "BLANC ROSE", null, "female", "IPP=44556677" },
        { "Patient : Mme Emma LEFEBVRE | Née le : 19/12/1970 | IPP : 3344556", "fr", "LEFEBVRE EMMA", "1970-12-19", "female", "IPP=3344556" },
        { "N°IPP:12312312\nPatiente:Mme Inès COLIN\nNée le:05/05/1945", "fr", "COLIN INES", "1945-05-05", "female", "IPP=12312312" },
        { "Mlle Chloé ROBIN, née le 22/02/1990, est suivie pour un lymphome.", "fr", "ROBIN CHLOE", "1990-02-22", "female", null },
        { "Patient : Monsieur André GIRAUD\nSexe : M\nDate de naissance : 11 janvier 1944", "fr", "GIRAUD ANDRE", "1944-01-11", "male", null },

        // English header blocks.
        { "Patient: Mrs Christine WAVERLEY\nDate of birth: 20/04/1959\nHospital number: 74738463\nRequested by: Dr P. Blackwood", "en", "WAVERLEY CHRISTINE", "1959-04-20", "female", "MRN=74738463" },
        { "Re: Mr Peter WAVERLEY, DOB Aug 3, 1961", "en", "WAVERLEY PETER", "1961-08-03", "male", null },
        { "Patient: H.C. DOB 20/06/1948", "en", "H C", "1948-06-20", null, null },
        { "Name: Helen CARTER\nD.O.B.: 14/02/1950\nNHS number: 485 777 3456\nSex: Female", "en", "CARTER HELEN", "1950-02-14", "female", "NHS=4857773456" },
        { "Surname: OKAFOR\nForename: Grace\nDate of birth: 3 September 1972\nMRN: A1234567", "en", "OKAFOR GRACE", "1972-09-03", null, "MRN=A1234567" },
        { "Surname/Forename: SMITH John\nGender: male\nHospital no: 99887766", "en", "SMITH JOHN", null, "male", "MRN=99887766" },
        { "Patient name: Ms Amelia Hart\nDOB: 30/11/1966", "en", "HART AMELIA", "1966-11-30", "female", null },
        { "Patient: Ms Christine Waverley\nMRN: 74738463", "en", "WAVERLEY CHRISTINE", null, "female", "MRN=74738463" },
        { "Patient ID: 5550123\nPatient: Mr Tom BAKER", "en", "BAKER TOM", null, "male", "MRN=5550123" },
        { "Last name: NGUYEN\nFirst name: Linh\nBorn on 12 March 1980", "en", "NGUYEN LINH", "1980-03-12", null, null },
        { "Medical record number: 0012345\nName: O'BRIEN Sean", "en", "O BRIEN SEAN", null, null, "MRN=0012345" },
        { "Dear Dr Lockwood,\nI saw Mrs Jane FOSTER, DOB 21/10/1958, today in clinic.", "en", "FOSTER JANE", "1958-10-21", "female", null },
        { "Patient: Miss Olivia KENT   DOB 15/08/1999   MRN 22334455", "en", "KENT OLIVIA", "1999-08-15", "female", "MRN=22334455" },
        { "Patient: Peter Waverley\nDate of birth: 03/08/1961", "en", "WAVERLEY PETER", "1961-03-08", null, null },
        { "Patient:  Mr  Daniel  REEVES\nD.O.B. 02/02/1952", "en", "REEVES DANIEL", "1952-02-02", "male", null },

        // An ambiguous birth date is read in the order the document's own unambiguous dates show (British, American).
        { "Clinic letter, typed 27/09/2023\nPatient: Peter Waverley\nDate of birth: 03/08/1961", "en", "WAVERLEY PETER", "1961-08-03", null, null },
        { "Patient: Mr Alan PRICE, DOB 06/01/1948\nSeen in clinic on 14/11/2023.", "en", "PRICE ALAN", "1948-01-06", "male", null },
        { "Clinic visit 09/27/2023\nPatient: Peter Waverley\nDate of birth: 03/08/1961", "en", "WAVERLEY PETER", "1961-03-08", null, null },
        { "Patiente : Mme Lise MOREL, née le 03/08/1961\nVue le 09/27/2023 (format du laboratoire).", "fr", "MOREL LISE", "1961-03-08", "female", null },

        // Things that are not the patient's identity.
        { "Requested by: Dr P. Blackwood\nReported by: Dr H. Lockwood", "en", null, null, null, null },
        { "Médecin prescripteur : Dr R. Lefèvre\nMédecin traitant : Pr A. Martin", "fr", null, null, null, null },
        { "Patient compliant with treatment. Seen on 12/03/2023.", "en", null, null, null, null },
        { "Patient: seen today with her daughter.", "en", null, null, null, null },
        { "Né à Lyon, ancien boulanger, il consulte le 12/03/2023.", "fr", null, null, null, null },
        { "Date of examination: 24/03/2023\nDate of report: 25/03/2023", "en", null, null, null, null },
        { "Patient : Dr Paul MARCHAND", "fr", null, null, null, null },
        { "Il ne le prend pas depuis le 12/03/2023.", "fr", null, null, null, null },
        { "Name: Dr Susan Webb, consultant oncologist", "en", null, null, null, null },
        { "The patient was born in 1948 in Leeds.", "en", null, null, null, null },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Reads_each_part_of_the_identity_a_header_states(string text, string language, string? name, string? birth, string? sex, string? identifier)
    {
        var document = TestDocuments.FromText(text, language);

        var identity = PatientIdentityExtractor.Extract(document);

        identity?.Name?.Normalized.ShouldBe(name);
        if (name is not null)
        {
            identity.ShouldNotBeNull();
            identity.Name.ShouldNotBeNull();
        }
        else
        {
            identity?.Name.ShouldBeNull();
        }

        (identity?.BirthDate?.Normalized).ShouldBe(birth);
        (identity?.Sex?.Normalized).ShouldBe(sex);
        var ids = identity?.Identifiers.Select(i => $"{i.Kind}={i.Normalized}").ToList() ?? [];
        if (identifier is null)
        {
            ids.ShouldBeEmpty();
        }
        else
        {
            ids.ShouldContain(identifier);
        }

        // Every part is cited by a quote cut from the document's own text at its offsets.
        foreach (var part in new[] { identity?.Name, identity?.BirthDate, identity?.Sex }.Concat(identity?.Identifiers ?? []).OfType<MedSummary.Core.Contract.IdentityPart>())
        {
            part.Citations.ShouldNotBeEmpty();
            foreach (var c in part.Citations)
            {
                document.Text[c.Start..c.End].ShouldBe(c.Quote);
                foreach (var word in part.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    c.Quote.ShouldContain(word);
                }
            }
        }
    }

    [Fact]
    public void A_full_name_on_the_first_page_wins_over_the_initials_of_a_running_header()
    {
        var document = TestDocuments.FromPages(
            "St Aldric's\nPatient: C.W. DOB 20/04/1959\nLABORATORY RESULTS\nPatient: Ms Christine Waverley\nDate of birth: 20/04/1959",
            "Patient: Mrs Jane Other\nDOB 01/01/1930");

        var identity = PatientIdentityExtractor.Extract(document)!;

        identity.Name!.Normalized.ShouldBe("WAVERLEY CHRISTINE");
        identity.BirthDate!.Normalized.ShouldBe("1959-04-20");
        identity.Name.Citations.ShouldAllBe(c => c.Page == 1);
    }
}
