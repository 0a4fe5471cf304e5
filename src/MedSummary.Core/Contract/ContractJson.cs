using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedSummary.Core.Contract;

/// <summary>The one JSON shape of the contract: camelCase members, field keys as declared, UTF-8 text unescaped.</summary>
public static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    public static string Serialize(DossierResult result, bool indented = true) =>
        JsonSerializer.Serialize(result, indented ? Options : Compact);

    public static DossierResult Deserialize(string json) =>
        JsonSerializer.Deserialize<DossierResult>(json, Options)
        ?? throw new JsonException("The document is not a dossier result.");

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            // Clinical text is French: keep accents readable instead of \u00e9 escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
