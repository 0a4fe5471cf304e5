using System.Globalization;

namespace MedSummary.Samples.Pdf;

/// <summary>
/// Lays a <see cref="LayoutDocument"/> out on A4 pages and writes it with PdfPig: word-wrapped paragraphs,
/// headings kept with what follows, tables whose header repeats, newspaper columns, letterheads and running
/// headers and footers with "page/pages". Content is written in reading order (a column entirely before the next).
/// </summary>
public static class PdfLayoutEngine
{
    public static RenderedDocument Render(LayoutDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var canvas = new PdfCanvas(document.Metadata);
        var run = new LayoutRun(document, canvas);
        run.Execute();
        var pages = run.DrawFurniture();
        var bytes = canvas.Build();
        return new RenderedDocument(bytes, pages, run.Marks);
    }

    private sealed class LayoutRun(LayoutDocument doc, PdfCanvas canvas)
    {
        private const double Epsilon = 0.01;

        private readonly List<List<string>> _pageLines = [];
        private readonly List<PlacedMark> _marks = [];
        private PageCanvas _page = null!;
        private double _frameLeft;
        private double _frameWidth;
        private double _y;
        private ColumnState? _columns;

        // While measuring, nothing is drawn or recorded and the frame has no bottom: blocks are only stacked.
        private bool _measuring;

        public IReadOnlyList<PlacedMark> Marks => _marks;

        private double BodyTop => PdfCanvas.A4Height - doc.MarginTop;

        private double BodyBottom => _measuring ? double.MinValue / 4
            : _columns is { Index: 0, BalancedBottom: { } balanced } ? balanced
            : doc.MarginBottom;

        private double FullWidth => PdfCanvas.A4Width - doc.MarginLeft - doc.MarginRight;

        private int PageNumber => _pageLines.Count;

        private bool AtFrameTop => Math.Abs(_y - (_columns?.Top ?? BodyTop)) < Epsilon;

        public void Execute()
        {
            _frameLeft = doc.MarginLeft;
            _frameWidth = FullWidth;
            NewPage();
            foreach (var block in doc.Blocks)
            {
                Place(block);
            }
        }

        private void Place(Block block)
        {
            switch (block)
            {
                case Heading h:
                    PlaceHeading(h);
                    break;
                case Paragraph p:
                    PlaceParagraph(p);
                    break;
                case Table t:
                    PlaceTable(t);
                    break;
                case Spacer s:
                    if (!AtFrameTop)
                    {
                        _y -= s.Height;
                    }

                    break;
                case Rule:
                    if (_y - 6 < BodyBottom)
                    {
                        NextFrame();
                    }

                    if (!_measuring)
                    {
                        _page.DrawLine(_frameLeft, _y - 3, _frameLeft + _frameWidth, _y - 3, 0.6);
                    }

                    _y -= 8;
                    break;
                case PageBreak:
                    if (!_measuring && !(AtFrameTop && _columns is null))
                    {
                        NewPage();
                    }

                    break;
                case Letterhead l:
                    PlaceLetterhead(l);
                    break;
                case Columns c:
                    PlaceColumns(c);
                    break;
                default:
                    throw new NotSupportedException($"Unknown block {block.GetType().Name}.");
            }
        }

        private void PlaceHeading(Heading h)
        {
            var (scale, before, after) = h.Level switch
            {
                1 => (1.45, 0.2, 0.7),
                2 => (1.12, 0.9, 0.35),
                _ => (1.0, 0.6, 0.2),
            };
            var size = doc.BodySize * scale;
            var lineHeight = size * doc.Leading;
            if (!AtFrameTop)
            {
                _y -= before * doc.BodySize * doc.Leading;
            }

            // Keep the heading with at least three lines of what follows.
            var needed = lineHeight + (3 * doc.BodySize * doc.Leading);
            PlaceText(h.Text, FontStyle.Bold, size, h.Align, 0, keepTogether: true, extraNeeded: needed - lineHeight);
            _y -= after * doc.BodySize * doc.Leading;
        }

        private void PlaceParagraph(Paragraph p)
        {
            var size = doc.BodySize * p.Scale;
            PlaceText(p.Text, p.Style, size, p.Align, p.Indent, p.KeepTogether ?? p.Text.Marks.Count > 0, 0);
            _y -= p.SpaceAfter * size * doc.Leading;
        }

        private void PlaceText(MarkedText text, FontStyle style, double size, TextAlign align, double indent, bool keepTogether, double extraNeeded)
        {
            var lineHeight = size * doc.Leading;
            var width = _frameWidth - indent;
            var lines = TextWrapper.Wrap(text, doc.Family, style, size, width);
            var height = (lines.Count * lineHeight) + extraNeeded;
            var frameHeight = (_columns?.Top ?? BodyTop) - BodyBottom;
            if (keepTogether && height <= frameHeight && _y - height < BodyBottom && !AtFrameTop)
            {
                NextFrame();
            }

            var linePages = new int[lines.Count];
            for (var i = 0; i < lines.Count; i++)
            {
                if (_y - lineHeight < BodyBottom)
                {
                    NextFrame();
                }

                var line = lines[i];
                var x = _frameLeft + indent + align switch
                {
                    TextAlign.Right => width - line.Width,
                    TextAlign.Center => (width - line.Width) / 2,
                    _ => 0,
                };
                var baseline = _y - (size * 0.82);
                if (!_measuring)
                {
                    foreach (var segment in line.Segments)
                    {
                        _page.DrawText(x + segment.X, baseline, segment.Text, FontFace.Get(doc.Family, segment.Style), size);
                    }

                    _pageLines[^1].Add(text.Text[line.Start..line.End]);
                }

                linePages[i] = PageNumber;
                _y -= lineHeight;
            }

            if (_measuring)
            {
                return;
            }

            foreach (var mark in text.Marks)
            {
                var first = LineOf(lines, mark.Start);
                var last = LineOf(lines, mark.End - 1);
                _marks.Add(new PlacedMark(mark.Target, text.Slice(mark), linePages[first], linePages[first] != linePages[last]));
            }
        }

        private static int LineOf(List<WrappedLine> lines, int offset)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (offset < lines[i].End)
                {
                    return i;
                }
            }

            return lines.Count - 1;
        }

        private void PlaceLetterhead(Letterhead l)
        {
            var size = doc.BodySize;
            if (_measuring)
            {
                _y -= (Math.Max(l.Left.Count, l.Right.Count) * size * 1.3 * doc.Leading) + (size * 1.6);
                return;
            }

            var leftTop = _y;
            var y = _y;
            var columnWidth = _frameWidth * 0.58;
            for (var i = 0; i < l.Left.Count; i++)
            {
                var (lineSize, style) = i == 0 ? (size * 1.3, FontStyle.Bold) : (size * 0.85, FontStyle.Regular);
                y = DrawFreeLine(l.Left[i], _frameLeft, columnWidth, y, lineSize, style, TextAlign.Left);
            }

            var leftBottom = y;
            y = leftTop;
            foreach (var line in l.Right)
            {
                y = DrawFreeLine(line, _frameLeft + _frameWidth * 0.6, _frameWidth * 0.4, y, size * 0.9, FontStyle.Regular, TextAlign.Right);
            }

            _y = Math.Min(leftBottom, y) - 4;
            _page.DrawLine(_frameLeft, _y, _frameLeft + _frameWidth, _y, 0.8);
            _y -= size * 1.6;
        }

        /// <summary>Draws one unwrapped line (truncated to nothing: letterhead lines are short) and returns the next y.</summary>
        private double DrawFreeLine(MarkedText text, double left, double width, double y, double size, FontStyle style, TextAlign align)
        {
            var lines = TextWrapper.Wrap(text, doc.Family, style, size, width);
            foreach (var line in lines)
            {
                var x = left + align switch
                {
                    TextAlign.Right => width - line.Width,
                    TextAlign.Center => (width - line.Width) / 2,
                    _ => 0,
                };
                foreach (var segment in line.Segments)
                {
                    _page.DrawText(x + segment.X, y - (size * 0.82), segment.Text, FontFace.Get(doc.Family, segment.Style), size);
                }

                _pageLines[^1].Add(text.Text[line.Start..line.End]);
                y -= size * doc.Leading;
            }

            foreach (var mark in text.Marks)
            {
                _marks.Add(new PlacedMark(mark.Target, text.Slice(mark), PageNumber, false));
            }

            return y;
        }

        private void PlaceTable(Table table)
        {
            var family = table.Family ?? doc.Family;
            var size = doc.BodySize * table.Scale;
            var lineHeight = size * 1.22;
            const double pad = 2.5;
            var totalWeight = table.Columns.Sum(c => c.Weight);
            var widths = table.Columns.Select(c => c.Weight / totalWeight * _frameWidth).ToArray();
            var header = new TableRow(table.Columns.Select(c => MarkedText.Plain(c.Title)).ToList()) { Style = FontStyle.Bold };

            if (table.ShowHeader)
            {
                DrawRow(header, isHeader: true);
            }

            foreach (var row in table.Rows)
            {
                DrawRow(row, isHeader: false);
            }

            if (!_measuring)
            {
                _page.DrawLine(_frameLeft, _y, _frameLeft + _frameWidth, _y, 0.6);
            }

            _y -= doc.BodySize * doc.Leading * 0.6;

            void DrawRow(TableRow row, bool isHeader)
            {
                var wrapped = new List<WrappedLine>[table.Columns.Count];
                var count = 1;
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var cell = c < row.Cells.Count ? row.Cells[c] : MarkedText.Empty;
                    wrapped[c] = cell.Text.Length == 0 ? [] : WrapIn(cell, family, row.Style, size, widths[c] - (2 * pad));
                    count = Math.Max(count, wrapped[c].Count);
                }

                var rowHeight = (count * lineHeight) + (2 * pad);
                if (_y - rowHeight < BodyBottom)
                {
                    NextFrame();
                    if (!isHeader && table.ShowHeader)
                    {
                        DrawRow(header, isHeader: true);
                    }
                }

                if (_measuring)
                {
                    _y -= rowHeight;
                    return;
                }

                if (isHeader && table.ShadedHeader)
                {
                    _page.FillRectangle(_frameLeft, _y - rowHeight, _frameWidth, rowHeight, 225);
                }

                var x = _frameLeft;
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var cellWidth = widths[c] - (2 * pad);
                    for (var k = 0; k < wrapped[c].Count; k++)
                    {
                        var line = wrapped[c][k];
                        var offset = table.Columns[c].Align switch
                        {
                            TextAlign.Right => cellWidth - line.Width,
                            TextAlign.Center => (cellWidth - line.Width) / 2,
                            _ => 0,
                        };
                        var baseline = _y - pad - (k * lineHeight) - (size * 0.82);
                        foreach (var segment in line.Segments)
                        {
                            _page.DrawText(x + pad + offset + segment.X, baseline, segment.Text, FontFace.Get(family, segment.Style), size);
                        }
                    }

                    x += widths[c];
                }

                // A reader sees a row line by line: the k-th line of every cell, left to right.
                for (var k = 0; k < count; k++)
                {
                    var parts = new List<string>();
                    for (var c = 0; c < table.Columns.Count; c++)
                    {
                        if (k < wrapped[c].Count)
                        {
                            var cell = row.Cells[c];
                            parts.Add(cell.Text[wrapped[c][k].Start..wrapped[c][k].End]);
                        }
                    }

                    _pageLines[^1].Add(string.Join(' ', parts));
                }

                if (!isHeader)
                {
                    for (var c = 0; c < row.Cells.Count; c++)
                    {
                        foreach (var mark in row.Cells[c].Marks)
                        {
                            _marks.Add(new PlacedMark(mark.Target, row.Cells[c].Slice(mark), PageNumber, false));
                        }
                    }

                    foreach (var mark in row.Marks)
                    {
                        var quote = string.Join(' ', row.Cells.Skip(mark.FirstCell).Take(mark.LastCell - mark.FirstCell + 1).Select(c => c.Text));
                        _marks.Add(new PlacedMark(mark.Target, quote, PageNumber, false));
                    }
                }

                _y -= rowHeight;
                if (isHeader || table.RowRules)
                {
                    _page.DrawLine(_frameLeft, _y, _frameLeft + _frameWidth, _y, isHeader ? 0.6 : 0.3);
                }
            }
        }

        private static List<WrappedLine> WrapIn(MarkedText text, FontFamily family, FontStyle style, double size, double width) =>
            TextWrapper.Wrap(text, family, style, size, width);

        private void PlaceColumns(Columns columns)
        {
            if (_columns is not null)
            {
                throw new NotSupportedException("Columns cannot be nested.");
            }

            var left = _frameLeft;
            var width = _frameWidth;
            var columnWidth = (width - (columns.Gutter * (columns.Count - 1))) / columns.Count;
            var total = Measure(columns.Blocks, columnWidth);
            _columns = new ColumnState(left, columnWidth, columns.Gutter, columns.Count) { Top = _y, Lowest = _y };
            _frameWidth = columnWidth;
            if (_y - (total / columns.Count) - (2 * doc.BodySize * doc.Leading) > doc.MarginBottom)
            {
                // Everything fits on this page: break the first column at about its share, as a balanced layout does.
                _columns.BalancedBottom = _y - (total / columns.Count) - (doc.BodySize * doc.Leading);
            }

            foreach (var block in columns.Blocks)
            {
                Place(block);
            }

            var lowest = Math.Min(_columns.Lowest, _y);
            _columns = null;
            _frameLeft = left;
            _frameWidth = width;
            _y = lowest;
        }

        /// <summary>The height the blocks take when stacked in one column of the given width.</summary>
        private double Measure(IReadOnlyList<Block> blocks, double width)
        {
            var (y, frameWidth, columns) = (_y, _frameWidth, _columns);
            _measuring = true;
            _columns = null;
            _frameWidth = width;
            _y = 0;
            foreach (var block in blocks)
            {
                Place(block);
            }

            var height = -_y;
            _measuring = false;
            (_y, _frameWidth, _columns) = (y, frameWidth, columns);
            return height;
        }

        private void NextFrame()
        {
            if (_columns is { } state)
            {
                state.Lowest = Math.Min(state.Lowest, _y);
                if (state.Index < state.Count - 1)
                {
                    state.BalancedBottom = null;
                    state.Index++;
                    _frameLeft = state.Left + (state.Index * (state.Width + state.Gutter));
                    _y = state.Top;
                    return;
                }

                NewPage();
                state.Index = 0;
                state.Top = BodyTop;
                state.Lowest = BodyTop;
                _frameLeft = state.Left;
                return;
            }

            NewPage();
        }

        private void NewPage()
        {
            _page = canvas.AddPage();
            _pageLines.Add([]);
            _y = BodyTop;
        }

        public IReadOnlyList<RenderedPage> DrawFurniture()
        {
            var total = canvas.Pages.Count;
            var pages = new List<RenderedPage>(total);
            var size = doc.BodySize * 0.78;
            for (var i = 0; i < total; i++)
            {
                var page = canvas.Pages[i];
                var furniture = new List<string>();
                if (doc.Header is { } header && (i > 0 || doc.HeaderOnFirstPage))
                {
                    var baseline = PdfCanvas.A4Height - doc.MarginTop + 24;
                    DrawRunning(page, header, baseline, size, i + 1, total, furniture);
                    page.DrawLine(doc.MarginLeft, baseline - 6, PdfCanvas.A4Width - doc.MarginRight, baseline - 6, 0.4);
                }

                if (doc.Footer is { } footer)
                {
                    var baseline = doc.MarginBottom - 30;
                    page.DrawLine(doc.MarginLeft, baseline + 11, PdfCanvas.A4Width - doc.MarginRight, baseline + 11, 0.4);
                    DrawRunning(page, footer, baseline, size, i + 1, total, furniture);
                }

                pages.Add(new RenderedPage(i + 1, string.Join('\n', _pageLines[i]), furniture));
            }

            return pages;
        }

        private void DrawRunning(PageCanvas page, RunningLine line, double baseline, double size, int number, int total, List<string> furniture)
        {
            var face = FontFace.Get(doc.Family, FontStyle.Regular);
            var left = Fill(line.Left);
            var center = Fill(line.Center);
            var right = Fill(line.Right);
            if (left.Length > 0)
            {
                page.DrawText(doc.MarginLeft, baseline, left, face, size);
                furniture.Add(left);
            }

            if (center.Length > 0)
            {
                page.DrawText((PdfCanvas.A4Width - face.Measure(center, size)) / 2, baseline, center, face, size);
                furniture.Add(center);
            }

            if (right.Length > 0)
            {
                page.DrawText(PdfCanvas.A4Width - doc.MarginRight - face.Measure(right, size), baseline, right, face, size);
                furniture.Add(right);
            }

            string Fill(string template) => WinAnsi.Sanitize(template
                .Replace("{page}", number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{pages}", total.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        private sealed class ColumnState(double left, double width, double gutter, int count)
        {
            public double Left { get; } = left;

            public double Width { get; } = width;

            public double Gutter { get; } = gutter;

            public int Count { get; } = count;

            public int Index { get; set; }

            public double Top { get; set; }

            public double Lowest { get; set; }

            /// <summary>Where the first column stops when the section is balanced on its page; null once past it.</summary>
            public double? BalancedBottom { get; set; }
        }
    }
}
