using System.Globalization;
using System.Text;

namespace MedSummary.Evaluation.Reports;

/// <summary>Small formatting helpers shared by the evaluation's markdown writers.</summary>
internal static class Markdown
{
    public const string None = "–";

    public static string Percent(double? rate) =>
        rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : None;

    /// <summary>"87.5% (14/16)", or "–" when the denominator is zero.</summary>
    public static string Percent(int numerator, int denominator) =>
        denominator == 0 ? None : $"{Percent((double)numerator / denominator)} ({numerator}/{denominator})";

    public static string Number(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Number(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : None;

    public static string Points(double? delta) =>
        delta is { } d ? (d >= 0 ? "+" : "") + (d * 100).ToString("0.0", CultureInfo.InvariantCulture) + " pt" : None;

    /// <summary>Text safe inside a table cell: one line, pipes escaped.</summary>
    public static string Cell(string? text) =>
        string.IsNullOrEmpty(text) ? None : text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);

    public static void Row(StringBuilder md, params string[] cells) => md.Append("| ").AppendJoin(" | ", cells).AppendLine(" |");

    /// <summary>A table header: the first <paramref name="textColumns"/> columns left-aligned, the others (numbers) right-aligned.</summary>
    public static void Header(StringBuilder md, int textColumns, params string[] cells)
    {
        Row(md, cells);
        md.Append('|');
        for (var i = 0; i < cells.Length; i++)
        {
            md.Append(i < textColumns ? " --- |" : " ---: |");
        }

        md.AppendLine();
    }
}
