using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MedSummary.Testing.Imaging;

/// <summary>
/// An 8-bit grayscale image for building test scans: rendered from a PDF page by pdftoppm, turned by quarter turns,
/// dirtied with scanner noise, and written into image-only PDFs by <see cref="Pdf.TestPdfPage.Image"/>.
/// </summary>
public sealed class GrayImage
{
    public GrayImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != width * height)
        {
            throw new ArgumentException("There must be one byte per pixel.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row by row from the top-left corner, 0 black to 255 white.</summary>
    public byte[] Pixels { get; }

    /// <summary>
    /// A page of a PDF as poppler draws it (pdftoppm -gray) at <paramref name="dpi"/>: what a scanner would see of the
    /// printed page. Fails with a message naming pdftoppm and its package when it is not installed.
    /// </summary>
    public static GrayImage RenderPdfPage(byte[] pdf, int page = 1, int dpi = 200)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var folder = Directory.CreateTempSubdirectory("medsummary-test-scan-");
        try
        {
            var path = Path.Combine(folder.FullName, "page.pdf");
            File.WriteAllBytes(path, pdf);
            var info = new ProcessStartInfo("pdftoppm")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-f", $"{page}", "-l", $"{page}", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", path })
            {
                info.ArgumentList.Add(argument);
            }

            Process process;
            try
            {
                process = Process.Start(info) ?? throw new InvalidOperationException("pdftoppm did not start.");
            }
            catch (Win32Exception e)
            {
                throw new InvalidOperationException(
                    "pdftoppm (poppler-utils) is required to build test scans and was not found; run scripts/bootstrap.sh or apt-get install poppler-utils.", e);
            }

            using (process)
            {
                using var output = new MemoryStream();
                var error = process.StandardError.ReadToEndAsync();
                process.StandardOutput.BaseStream.CopyTo(output);
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"pdftoppm failed with exit code {process.ExitCode}: {error.Result}");
                }

                return FromPgm(output.ToArray());
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Reads a binary 8-bit PGM (P5).</summary>
    public static GrayImage FromPgm(byte[] pgm)
    {
        ArgumentNullException.ThrowIfNull(pgm);
        var position = 0;
        string Next()
        {
            while (position < pgm.Length && (char.IsWhiteSpace((char)pgm[position]) || pgm[position] == '#'))
            {
                if (pgm[position] == '#')
                {
                    while (position < pgm.Length && pgm[position] != '\n')
                    {
                        position++;
                    }
                }
                else
                {
                    position++;
                }
            }

            var start = position;
            while (position < pgm.Length && !char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }

            return Encoding.ASCII.GetString(pgm, start, position - start);
        }

        if (Next() != "P5")
        {
            throw new FormatException("Not a binary PGM.");
        }

        var width = int.Parse(Next(), CultureInfo.InvariantCulture);
        var height = int.Parse(Next(), CultureInfo.InvariantCulture);
        if (Next() != "255")
        {
            throw new FormatException("Only 8-bit PGM is read.");
        }

        position++;
        return new GrayImage(width, height, pgm.AsSpan(position, width * height).ToArray());
    }

    public byte[] ToPgm()
    {
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"P5\n{Width} {Height}\n255\n"));
        return [.. header, .. Pixels];
    }

    /// <summary>The image turned clockwise by a multiple of 90 degrees (as a page fed sideways or upside down).</summary>
    public GrayImage Rotate(int degreesClockwise)
    {
        var turns = ((degreesClockwise / 90 % 4) + 4) % 4;
        if (degreesClockwise % 90 != 0)
        {
            throw new ArgumentException("Only quarter turns are supported.", nameof(degreesClockwise));
        }

        var image = this;
        for (var t = 0; t < turns; t++)
        {
            image = image.QuarterTurn();
        }

        return image;
    }

    /// <summary>
    /// Scanner dirt, deterministic for a seed: the paper's gray varies, dark specks appear, and the ink is a little
    /// lighter and uneven. <paramref name="specks"/> is the share of pixels where a speck of 1 or 2 pixels across
    /// falls (0.0003, about 1 200 specks on an A4 page at 200 dpi, is a dusty scanner glass or a poor fax line),
    /// <paramref name="jitter"/> the most any pixel's gray moves either way.
    /// </summary>
    public GrayImage WithNoise(int seed, double specks = 0.0003, int jitter = 30)
    {
        var random = new Random(seed);
        var pixels = (byte[])Pixels.Clone();
        for (var i = 0; i < pixels.Length; i++)
        {
            var value = pixels[i] + random.Next(-jitter, jitter + 1) + (pixels[i] < 128 ? 25 : -12);
            pixels[i] = (byte)Math.Clamp(value, 0, 255);
        }

        var count = (int)(specks * pixels.Length);
        for (var s = 0; s < count; s++)
        {
            var x = random.Next(Width);
            var y = random.Next(Height);
            var size = random.Next(1, 3);
            for (var dy = 0; dy < size && y + dy < Height; dy++)
            {
                for (var dx = 0; dx < size && x + dx < Width; dx++)
                {
                    pixels[((y + dy) * Width) + x + dx] = (byte)random.Next(0, 80);
                }
            }
        }

        return new GrayImage(Width, Height, pixels);
    }

    private GrayImage QuarterTurn()
    {
        // Clockwise: the left column read bottom-up becomes the top row.
        var pixels = new byte[Pixels.Length];
        var width = Height;
        var height = Width;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = Pixels[((Height - 1 - x) * Width) + y];
            }
        }

        return new GrayImage(width, height, pixels);
    }
}
