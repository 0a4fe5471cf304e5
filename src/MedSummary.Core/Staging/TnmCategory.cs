using System.Text.RegularExpressions;

namespace MedSummary.Core.Staging;

/// <summary>
/// One TNM category (UICC/AJCC 8th edition): its axis (T, N or M), its value ("2a", "is", "a", "X", "1mi",
/// "0(i+)") and the prefix it was written with ("p", "yp", "c", "r", ...). The one grammar of TNM in MedSummary:
/// the rule extractor, the normalizer of model answers and the support checker all read categories through it, so
/// they cannot disagree on what "N0(i+)", "Ta", "pT1mi" or an OCR'd "pNO" is.
/// </summary>
/// <remarks>
/// Values by axis: T takes X, 0, is, a (non-invasive papillary), 1-4 with subcategories a-d (T1mi, T1a1 for the
/// cervix); N takes X, 0-3 with a-c, N1mi, and the isolated-tumour-cell / molecular suffixes "(i+)", "(i-)",
/// "(mol+)", "(mol-)" kept on N0 (breast); M takes X, 0, 1 with a-d and "(i+)". MX is obsolete in TNM 8 but still
/// written, so it is kept, never mapped to M0. The sentinel "(sn)" and count "(2/14)" annotations are not part of the
/// category. OCR tolerance (letter O for zero, l or I for one) is allowed only where the caller asks for it.
/// </remarks>
public readonly partial record struct TnmCategory(char Axis, string Value, string Prefix = "")
{
    /// <summary>A written T category with its optional prefix, for scanners that look for lists of categories.</summary>
    public const string TTokenPattern = @"(?:yp|yc|[pcyr])?T(?:is|[0-4OX](?:mi|[a-d][1-3]?)?|a)(?![A-Za-z0-9])";

    /// <summary>A written N category with its optional prefix.</summary>
    public const string NTokenPattern = @"(?:yp|yc|[pcyr])?N(?:[0-3OX](?:mi|[a-c])?)(?![A-Za-z0-9])";

    /// <summary>A written M category with its optional prefix.</summary>
    public const string MTokenPattern = @"(?:yp|yc|[pcyr])?M(?:[01OX][a-d]?)(?![A-Za-z0-9])";

    /// <summary>The category without prefix, as the contract stores it: "T2a", "N0(i+)", "Tis", "MX".</summary>
    public string Normalized => Axis + Value;

    /// <summary>The category as written with its prefix ("ypT2a").</summary>
    public override string ToString() => Prefix + Normalized;

    /// <summary>
    /// True for prefixes of a pathological classification: p, and the y (after therapy), r (recurrence) and a
    /// (autopsy) forms, which still classify a resected specimen when they stand alone or before p.
    /// </summary>
    public bool IsPathologic => IsPathologicPrefix(Prefix);

    /// <summary>True for prefixes of a clinical classification: c, yc, rc, u (ultrasound), mr (MRI).</summary>
    public bool IsClinical => IsClinicalPrefix(Prefix);

    /// <inheritdoc cref="IsPathologic"/>
    public static bool IsPathologicPrefix(string prefix) =>
        prefix.ToLowerInvariant() is "p" or "yp" or "rp" or "ap" or "r" or "a" or "y";

    /// <inheritdoc cref="IsClinical"/>
    public static bool IsClinicalPrefix(string prefix) =>
        prefix.ToLowerInvariant() is "c" or "yc" or "rc" or "u" or "mr";

    /// <summary>
    /// Reads a whole token ("pT2a", "N0(i+)", "ypN1mi", "cM1c", "T is", "Tis", "MX"); null when it is not exactly
    /// one TNM category. <paramref name="ocrTolerant"/> also reads "pNO" as pN0 and "pTl" as pT1.
    /// </summary>
    public static TnmCategory? Parse(string? text, bool ocrTolerant = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var m = Token().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }

        var axis = char.ToUpperInvariant(m.Groups["cat"].Value[0]);
        var value = NormalizeValue(axis, m.Groups["val"].Value.Replace(" ", "", StringComparison.Ordinal), out var ocr);
        if (value is null || (ocr && !ocrTolerant))
        {
            return null;
        }

        return new TnmCategory(axis, value + NormalizeSuffix(axis, value, m.Groups["suf"].Value), CanonicalPrefix(m.Groups["pre"].Value));
    }

    /// <summary>Reads a token of a given axis: null when it is another axis or not a category.</summary>
    public static TnmCategory? Parse(string? text, char axis, bool ocrTolerant = false) =>
        Parse(text, ocrTolerant) is { } c && c.Axis == char.ToUpperInvariant(axis) ? c : null;

    /// <summary>
    /// The value part of a category of <paramref name="axis"/> as written after the letter: "2a" -> "2a", "is" -> "is",
    /// "x" -> "X", "1mi" -> "1mi", and with OCR tolerance "O" -> "0", "l" -> "1" (<paramref name="ocr"/> is then set).
    /// Null when it is not a value of that axis ("N4", "M2", "T0a", "Na").
    /// </summary>
    public static string? NormalizeValue(char axis, string raw, out bool ocr)
    {
        ocr = false;
        axis = char.ToUpperInvariant(axis);
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (raw.Equals("is", StringComparison.OrdinalIgnoreCase))
        {
            return axis == 'T' ? "is" : null;
        }

        if (raw is "x" or "X")
        {
            return "X";
        }

        if (raw == "a")
        {
            return axis == 'T' ? "a" : null;
        }

        // An uppercase subcategory ("T2A") is a typing habit; the grammar's form is lowercase.
        raw = raw.Length > 1 && raw[1] is >= 'A' and <= 'E' ? raw[0] + char.ToLowerInvariant(raw[1]).ToString() + raw[2..] : raw;
        char digit;
        switch (raw[0])
        {
            case >= '0' and <= '4':
                digit = raw[0];
                break;
            case 'O' or 'o':
                digit = '0';
                ocr = true;
                break;
            case 'l' or 'I' or 'i':
                digit = '1';
                ocr = true;
                break;
            default:
                return null;
        }

        var max = axis switch { 'T' => '4', 'N' => '3', 'M' => '1', _ => (char)0 };
        if (digit > max)
        {
            return null;
        }

        var rest = raw[1..];
        if (rest.Length == 0)
        {
            return digit.ToString();
        }

        if (rest == "mi")
        {
            // Microinvasion (T1mi) and micrometastasis (N1mi) only.
            return digit == '1' && axis != 'M' ? "1mi" : null;
        }

        var letter = rest[0];
        var allowed = axis switch { 'T' => "abcd", 'N' => "abc", _ => "abcd" };
        if (!allowed.Contains(letter, StringComparison.Ordinal) || digit == '0')
        {
            return null;
        }

        if (rest.Length == 1)
        {
            return digit + rest;
        }

        // A numbered subcategory (FIGO-aligned T1a1, T1b2) exists for T only.
        if (axis != 'T' || rest.Length != 2)
        {
            return null;
        }

        var sub = rest[1];
        if (sub is 'l' or 'I')
        {
            sub = '1';
            ocr = true;
        }

        return sub is >= '1' and <= '3' ? $"{digit}{letter}{sub}" : null;
    }

    /// <summary>
    /// The suffix kept in the category: "(i+)", "(i-)", "(mol+)", "(mol-)" on N0 and M0 (isolated tumour cells,
    /// molecular findings). "(sn)", "(m)", "(f)" and node counts qualify the category without changing it.
    /// </summary>
    public static string NormalizeSuffix(char axis, string value, string suffix)
    {
        var s = suffix.Replace(" ", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal).ToLowerInvariant();
        return s is "(i+)" or "(i-)" or "(mol+)" or "(mol-)" && axis is 'N' or 'M' && value == "0" ? s : "";
    }

    /// <summary>Every category written in <paramref name="text"/> as a standalone token, with where it stands.</summary>
    public static IEnumerable<(TnmCategory Category, int Index, int Length)> FindAll(string text, bool ocrTolerant = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match m in Embedded().Matches(text))
        {
            var start = m.Index;

            // Glued runs ("pT2N0M0") are one token per category; a letter before a category's own prefix is a word.
            if (start > 0 && char.IsLetter(text[start - 1]) && !EndsWithCategory(text, start))
            {
                continue;
            }

            if (Parse(m.Value, ocrTolerant) is { } c)
            {
                yield return (c, m.Index, m.Length);
            }
        }
    }

    private static bool EndsWithCategory(string text, int index)
    {
        var from = Math.Max(0, index - 12);
        var before = text[from..index];
        var m = RunEnd().Match(before);
        return m.Success;
    }

    private static string CanonicalPrefix(string prefix) => prefix switch
    {
        "P" => "p",
        _ => prefix,
    };

    [GeneratedRegex(
        @"^(?<pre>yp|yc|rp|rc|ap|mr|[pcyrau]|P)?\s?(?<cat>[TNMtnm])\s?(?<val>is|IS|[0-4OoIli](?:mi|[a-dA-D][1-3lI]?)?|[Xx]|a)(?<suf>\s?\((?:i[+-]|mol[+-]|sn|m|f|\d{1,2}(?:/\d{1,3})?)\))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex(
        @"(?:yp|yc|rp|rc|ap|mr|[pcyrau])?[TNM](?:is|[0-4O](?:mi|[a-d][1-3]?)?|X|x|a)(?:\((?:i[+-]|mol[+-]|sn|m|f)\))?(?=$|[^A-Za-z0-9+]|(?:yp|yc|[pcyr])?[TNM])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Embedded();

    [GeneratedRegex(@"[TNM](?:is|[0-4O](?:mi|[a-d][1-3]?)?|X|x|a)(?:\([^)]{1,6}\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex RunEnd();
}
