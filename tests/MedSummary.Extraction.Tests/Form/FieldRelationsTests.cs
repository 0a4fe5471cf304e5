using MedSummary.Core.Contract;
using MedSummary.Extraction.Form;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Form;

public sealed class FieldRelationsTests
{
    public static TheoryData<string, string, string, bool> Pairs => new()
    {
        { ContractFields.PathologicT, "T2", "T2a", true },
        { ContractFields.PathologicT, "T1", "T1mi", true },
        { ContractFields.PathologicT, "T1b", "T1b1", true },
        { ContractFields.PathologicT, "T2a", "T2b", false },
        { ContractFields.PathologicT, "T1", "Tis", false },
        { ContractFields.PathologicT, "TX", "T2", false },
        { ContractFields.PathologicN, "N0", "N0(i+)", true },
        { ContractFields.PathologicN, "N1", "N2", false },
        { ContractFields.Stage, "I", "IA", true },
        { ContractFields.Stage, "I", "II", false },
        { ContractFields.Stage, "IIIC", "IIIC1", true },
        { ContractFields.GleasonScore, "7", "3+4=7", true },
        { ContractFields.GleasonScore, "3+4=7", "4+3=7", false },
        { ContractFields.GleasonScore, "8", "3+4=7", false },
        { ContractFields.Grade, "high grade", "G3", true },
        { ContractFields.Grade, "low grade", "G3", false },
        { ContractFields.Grade, "G2", "G3", false },
        { ContractFields.DateOfDiagnosis, "2023", "2023-03", true },
        { ContractFields.DateOfDiagnosis, "2023-03", "2023-03-12", true },
        { ContractFields.DateOfDiagnosis, "2023-03", "2023-04-01", false },
        { ContractFields.Histology, "adenocarcinoma", "acinar adenocarcinoma", true },
        { ContractFields.Histology, "serous carcinoma", "high-grade serous carcinoma", true },
        { ContractFields.Histology, "adenocarcinoma", "squamous cell carcinoma", false },
        { ContractFields.PrimarySite, "uterus", "endometrium", true },
        { ContractFields.PrimarySite, "colon", "rectosigmoid junction", true },
        { ContractFields.PrimarySite, "colon", "rectum", false },
        { ContractFields.Laterality, "left", "bilateral", true },
        { ContractFields.Laterality, "left", "right", false },
        { ContractFields.ErStatus, "positive", "negative", false },
        { ContractFields.Ki67, "20%", "20%", true },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Knows_when_a_value_is_a_broader_statement_of_another(string key, string general, string specific, bool expected)
    {
        FieldRelations.IsSameOrBroader(key, general, specific).ShouldBe(expected);
        if (general != specific)
        {
            FieldRelations.IsSameOrBroader(key, specific, general).ShouldBeFalse();
        }
    }
}
