namespace MedSummary.Ingestion.Pdf.Probing;

/// <summary>What the bytes of a PDF show without reading it: its end marker, its page and image objects.</summary>
/// <param name="HasEndMarker">"%%EOF" in the last KiB, where readers look for it; a truncated upload has none.</param>
/// <param name="PageObjects">Distinct objects whose dictionary says /Type /Page, outside any stream.</param>
/// <param name="UsesObjectStreams">
/// Some objects are packed in compressed object streams, which this probe does not inflate: pages and images there
/// are not counted, and the worker that reads the file enforces the limits instead.
/// </param>
/// <param name="LargestImagePixels">The largest width x height an image object declares (0 when none is seen).</param>
public sealed record PdfProbeResult(bool HasEndMarker, int PageObjects, bool UsesObjectStreams, long LargestImagePixels)
{
    /// <summary>Whether <see cref="PageObjects"/> is the page count (no page can hide in a compressed object stream).</summary>
    public bool PageCountKnown => !UsesObjectStreams;
}

/// <summary>
/// A cheap look at an untrusted PDF before any work is spent on it: one forward pass over the bytes with a fixed
/// amount of state, no object graph, no recursion, no stream inflated. It counts what a limit needs (pages, declared
/// image sizes) and sees a missing end marker. It trusts nothing it finds: a file that lies here is still read in
/// an isolated worker under that worker's own limits.
/// </summary>
public static class PdfProbe
{
    /// <summary>Where readers look for the end marker: the last 1024 bytes (as the PDF reference's implementation notes say).</summary>
    private const int EndMarkerWindow = 1024;

    public static PdfProbeResult Probe(ReadOnlySpan<byte> pdf)
    {
        // Scanners and mail gateways pad files with whitespace or NUL bytes after the marker; padding is not truncation.
        var end = pdf.Length;
        while (end > 0 && pdf[end - 1] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or (byte)'\f' or 0)
        {
            end--;
        }

        var tail = pdf[Math.Max(0, end - EndMarkerWindow)..end];
        var scan = new Scanner();
        scan.Run(pdf);
        return new PdfProbeResult(tail.IndexOf("%%EOF"u8) >= 0, scan.Pages.Count, scan.ObjectStreams, scan.LargestImagePixels);
    }

    /// <summary>The pass's state: which object it is in, and what was seen in that object's dictionary.</summary>
    private sealed class Scanner
    {
        private int _object = -1;
        private bool _isImage;
        private long _width;
        private long _height;

        public HashSet<int> Pages { get; } = [];

        public bool ObjectStreams { get; private set; }

        public long LargestImagePixels { get; private set; }

        public void Run(ReadOnlySpan<byte> pdf)
        {
            var i = 0;
            while (i < pdf.Length)
            {
                var c = pdf[i];
                switch (c)
                {
                    case (byte)'%':
                        i = SkipLine(pdf, i);
                        break;
                    case (byte)'(':
                        i = SkipLiteralString(pdf, i);
                        break;
                    case (byte)'/':
                        i = Name(pdf, i);
                        break;
                    case (byte)'o' when Keyword(pdf, i, "obj"u8):
                        BeginObject(pdf, i);
                        i += 3;
                        break;
                    case (byte)'e' when Keyword(pdf, i, "endobj"u8):
                        EndObject();
                        i += 6;
                        break;
                    case (byte)'s' when Keyword(pdf, i, "stream"u8):
                        i = SkipStream(pdf, i + 6);
                        break;
                    default:
                        i++;
                        break;
                }
            }

            EndObject();
        }

        /// <summary>At "obj": the object number is the first of the two integers before it.</summary>
        private void BeginObject(ReadOnlySpan<byte> pdf, int at)
        {
            EndObject();
            var j = SkipSpaceBack(pdf, at - 1);
            var generationEnd = j;
            while (j >= 0 && IsDigit(pdf[j]))
            {
                j--;
            }

            if (j == generationEnd)
            {
                return;
            }

            j = SkipSpaceBack(pdf, j);
            var numberEnd = j;
            var number = 0L;
            var scale = 1L;
            while (j >= 0 && IsDigit(pdf[j]) && numberEnd - j < 10)
            {
                number += (pdf[j] - '0') * scale;
                scale *= 10;
                j--;
            }

            if (j != numberEnd && number <= int.MaxValue)
            {
                _object = (int)number;
            }
        }

        private void EndObject()
        {
            if (_isImage && _width > 0 && _height > 0)
            {
                LargestImagePixels = Math.Max(LargestImagePixels, _width > long.MaxValue / _height ? long.MaxValue : _width * _height);
            }

            _object = -1;
            _isImage = false;
            _width = 0;
            _height = 0;
        }

        /// <summary>A name, and for the few keys the limits need, the value after it.</summary>
        private int Name(ReadOnlySpan<byte> pdf, int at)
        {
            var end = NameEnd(pdf, at + 1);
            var name = pdf[(at + 1)..end];
            if (name.SequenceEqual("Type"u8) || name.SequenceEqual("Subtype"u8))
            {
                var v = SkipSpace(pdf, end);
                if (v < pdf.Length && pdf[v] == '/')
                {
                    var valueEnd = NameEnd(pdf, v + 1);
                    var value = pdf[(v + 1)..valueEnd];
                    if (value.SequenceEqual("Page"u8) && _object >= 0)
                    {
                        Pages.Add(_object);
                    }
                    else if (value.SequenceEqual("ObjStm"u8))
                    {
                        ObjectStreams = true;
                    }
                    else if (value.SequenceEqual("Image"u8))
                    {
                        _isImage = true;
                    }

                    return valueEnd;
                }
            }
            else if (name.SequenceEqual("Width"u8) || name.SequenceEqual("Height"u8))
            {
                var v = SkipSpace(pdf, end);
                var value = 0L;
                while (v < pdf.Length && IsDigit(pdf[v]))
                {
                    value = Math.Min(value * 10 + (pdf[v] - '0'), int.MaxValue);
                    v++;
                }

                if (name[0] == 'W')
                {
                    _width = value;
                }
                else
                {
                    _height = value;
                }

                return v;
            }

            return end;
        }

        /// <summary>
        /// Past a stream's data: to its "endstream". The declared /Length is not trusted (it is often an indirect
        /// object, or wrong); data that happens to contain "endstream" only makes the pass resume early, in binary.
        /// </summary>
        private static int SkipStream(ReadOnlySpan<byte> pdf, int from)
        {
            var end = pdf[from..].IndexOf("endstream"u8);
            return end < 0 ? pdf.Length : from + end + "endstream"u8.Length;
        }

        private static int SkipLine(ReadOnlySpan<byte> pdf, int at)
        {
            var end = pdf[at..].IndexOfAny((byte)'\n', (byte)'\r');
            return end < 0 ? pdf.Length : at + end + 1;
        }

        /// <summary>Past a literal string: balanced parentheses (a depth counter), backslash escapes.</summary>
        private static int SkipLiteralString(ReadOnlySpan<byte> pdf, int at)
        {
            var depth = 0;
            for (var i = at; i < pdf.Length; i++)
            {
                switch (pdf[i])
                {
                    case (byte)'\\':
                        i++;
                        break;
                    case (byte)'(':
                        depth++;
                        break;
                    case (byte)')':
                        if (--depth == 0)
                        {
                            return i + 1;
                        }

                        break;
                }
            }

            return pdf.Length;
        }

        /// <summary>Whether <paramref name="keyword"/> stands alone at <paramref name="at"/> (delimited on both sides).</summary>
        private static bool Keyword(ReadOnlySpan<byte> pdf, int at, ReadOnlySpan<byte> keyword) =>
            pdf[at..].StartsWith(keyword)
            && (at == 0 || IsDelimiterOrSpace(pdf[at - 1]))
            && (at + keyword.Length == pdf.Length || IsDelimiterOrSpace(pdf[at + keyword.Length]));

        private static int NameEnd(ReadOnlySpan<byte> pdf, int from)
        {
            var i = from;
            while (i < pdf.Length && !IsDelimiterOrSpace(pdf[i]))
            {
                i++;
            }

            return i;
        }

        private static int SkipSpace(ReadOnlySpan<byte> pdf, int from)
        {
            var i = from;
            while (i < pdf.Length && IsSpace(pdf[i]))
            {
                i++;
            }

            return i;
        }

        private static int SkipSpaceBack(ReadOnlySpan<byte> pdf, int from)
        {
            var i = from;
            while (i >= 0 && IsSpace(pdf[i]))
            {
                i--;
            }

            return i;
        }

        private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

        private static bool IsSpace(byte c) => c is 0 or 9 or 10 or 12 or 13 or 32;

        private static bool IsDelimiterOrSpace(byte c) =>
            IsSpace(c) || c is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';
    }
}
