using MedSummary.Core.Provenance;

namespace MedSummary.Ingestion.Pdf.Layout;

/// <summary>
/// One drawn glyph as the layout sees it: its text (a ligature glyph may carry several characters), the box that
/// provenance reports, and the baseline geometry used to build words and lines. PDF points, origin bottom-left.
/// </summary>
public readonly record struct Glyph(string Text, BoundingBox Box, double StartX, double EndX, double BaselineY, double Size);
