namespace MedSummary.Evaluation.Charts;

/// <summary>Size and font of the PNG charts.</summary>
public sealed record ChartOptions
{
    /// <summary>Width in pixels. Default 1000.</summary>
    public int Width { get; init; } = 1000;

    /// <summary>Height in pixels. Default 600.</summary>
    public int Height { get; init; } = 600;

    /// <summary>Font family for every label. Default "DejaVu Sans" (installed with fontconfig on Debian; ScottPlot falls back to its default when missing).</summary>
    public string FontName { get; init; } = "DejaVu Sans";

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Width is < 200 or > 8000 || Height is < 150 or > 8000)
        {
            problems.Add($"chart size {Width}x{Height} is out of range (200x150 to 8000x8000)");
        }

        if (string.IsNullOrWhiteSpace(FontName))
        {
            problems.Add("the chart font name is empty");
        }

        return problems;
    }
}
