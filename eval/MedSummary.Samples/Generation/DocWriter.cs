using MedSummary.Samples.Pdf;

namespace MedSummary.Samples.Generation;

/// <summary>
/// Collects one document's blocks. Templates are given per language as alternatives; one is drawn at random
/// among those whose slots all resolve, so the same fact comes out in varied words across documents and dossiers.
/// </summary>
internal sealed class DocWriter
{
    public DocWriter(DocContext ctx)
    {
        Ctx = ctx;
        Slots = new Slots(ctx);
    }

    public DocContext Ctx { get; }

    public Slots Slots { get; }

    public List<Block> Blocks { get; } = [];

    public bool Fr => Ctx.Fr;

    public Rng R => Ctx.R;

    public ClinicalCase C => Ctx.C;

    public Tumor T => Ctx.T;

    /// <summary>The title shown in the running footer and the PDF metadata.</summary>
    public string Title { get; set; } = "";

    public string L(string fr, string en) => Fr ? fr : en;

    /// <summary>Renders one template; null when a slot has nothing to say.</summary>
    public MarkedText? TryRender(string template)
    {
        var builder = new MarkedTextBuilder();
        var pos = 0;
        while (pos < template.Length)
        {
            var open = template.IndexOf('{', pos);
            if (open < 0)
            {
                builder.Append(template[pos..]);
                break;
            }

            var close = template.IndexOf('}', open);
            builder.Append(template[pos..open]);
            var slot = Slots.Resolve(template[(open + 1)..close]);
            if (slot is null)
            {
                return null;
            }

            builder.Append(slot);
            pos = close + 1;
        }

        return builder.Build();
    }

    /// <summary>One of the templates, drawn at random among those that render; null when none does.</summary>
    public MarkedText? TryRender(IReadOnlyList<string> templates)
    {
        foreach (var template in R.Shuffle(templates))
        {
            if (TryRender(template) is { } text)
            {
                return text;
            }
        }

        return null;
    }

    public MarkedText Render(IReadOnlyList<string> fr, IReadOnlyList<string> en) =>
        TryRender(Fr ? fr : en) ?? throw new InvalidOperationException($"No template renders: {(Fr ? fr : en)[0]}");

    public MarkedText? TryRender(IReadOnlyList<string> fr, IReadOnlyList<string> en) => TryRender(Fr ? fr : en);

    public void Add(Block block) => Blocks.Add(block);

    public void DocTitle(string fr, string en, TextAlign align = TextAlign.Left)
    {
        Title = L(fr, en);
        Blocks.Add(new Heading(MarkedText.Plain(R.Chance(0.5) ? Title.ToUpperInvariant() : Title), 1) { Align = align });
    }

    public void H(string fr, string en) => Blocks.Add(new Heading(MarkedText.Plain(L(fr, en))));

    public void H3(string fr, string en) => Blocks.Add(new Heading(MarkedText.Plain(L(fr, en)), 3));

    public void P(IReadOnlyList<string> fr, IReadOnlyList<string> en) => Blocks.Add(new Paragraph(Render(fr, en)));

    public bool TryP(IReadOnlyList<string> fr, IReadOnlyList<string> en)
    {
        if (TryRender(fr, en) is not { } text)
        {
            return false;
        }

        Blocks.Add(new Paragraph(text));
        return true;
    }

    public void P(MarkedText text) => Blocks.Add(new Paragraph(text));

    public void P(string plain) => Blocks.Add(new Paragraph(MarkedText.Plain(plain)));

    public void P(string fr, string en) => P(L(fr, en));

    /// <summary>Several sentences in one paragraph; parts that do not render are left out.</summary>
    public void Sentences(params (string[] Fr, string[] En)[] parts)
    {
        var builder = new MarkedTextBuilder();
        foreach (var (fr, en) in parts)
        {
            if (TryRender(fr, en) is { Text.Length: > 0 } text)
            {
                if (builder.Length > 0)
                {
                    builder.Append(" ");
                }

                builder.Append(text);
            }
        }

        if (builder.Length > 0)
        {
            Blocks.Add(new Paragraph(builder.Build()));
        }
    }

    /// <summary>A "Label : value" line with the label in bold.</summary>
    public bool Line(string labelFr, string labelEn, IReadOnlyList<string> fr, IReadOnlyList<string> en)
    {
        if (TryRender(fr, en) is not { } value)
        {
            return false;
        }

        var label = L(labelFr, labelEn) + (Fr ? " : " : ": ");
        Blocks.Add(new Paragraph(new MarkedTextBuilder().Append(label, FontStyle.Bold).Append(value).Build()) { SpaceAfter = 0.15 });
        return true;
    }

    public void Line(string labelFr, string labelEn, string value) =>
        Blocks.Add(new Paragraph(new MarkedTextBuilder().Append(L(labelFr, labelEn) + (Fr ? " : " : ": "), FontStyle.Bold).Append(value).Build()) { SpaceAfter = 0.15 });

    public void Line(string labelFr, string labelEn, MarkedText value) =>
        Blocks.Add(new Paragraph(new MarkedTextBuilder().Append(L(labelFr, labelEn) + (Fr ? " : " : ": "), FontStyle.Bold).Append(value).Build()) { SpaceAfter = 0.15 });

    /// <summary>Filler: plausible clinical prose that states none of the truth's values.</summary>
    public void Filler(FillerTopic topic, int sentences) => Blocks.Add(new Paragraph(Generation.Filler.Paragraph(Ctx, this, topic, sentences)));

    public void Spacer(double height = 8) => Blocks.Add(new Spacer(height));

    /// <summary>A count drawn between the bounds and scaled by the dossier's size, so that large dossiers say more.</summary>
    public int Amount(int min, int max)
    {
        var factor = C.Spec.Size switch
        {
            DossierSize.Small => 1.0,
            DossierSize.Medium => 2.0,
            _ => 3.0,
        };
        return (int)Math.Round(R.Between(min, max) * factor);
    }
}
