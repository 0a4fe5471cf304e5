using System.Globalization;
using System.Text;

namespace MedSummary.Ingestion.Ocr;

/// <summary>
/// The binary PGM (P5) images pdftoppm writes with -gray: the size to map OCR coordinates back to the page, and the
/// half-turn used to read an upside-down page. The format is a short text header and then one byte per pixel.
/// </summary>
internal static class Pgm
{
    /// <summary>Width, height and where the pixels start; throws <see cref="FormatException"/> for anything else than 8-bit P5.</summary>
    public static (int Width, int Height, int PixelOffset) ReadHeader(ReadOnlySpan<byte> image)
    {
        var position = 0;
        if (Token(image, ref position) != "P5")
        {
            throw new FormatException("Not a binary PGM image.");
        }

        var width = Number(image, ref position);
        var height = Number(image, ref position);
        var max = Number(image, ref position);
        if (max is < 1 or > 255)
        {
            throw new FormatException("Only 8-bit PGM images are read.");
        }

        // Exactly one white-space byte separates the header from the pixels.
        position++;
        if (width < 1 || height < 1 || (long)width * height > image.Length - position)
        {
            throw new FormatException("The PGM image is truncated.");
        }

        return (width, height, position);
    }

    /// <summary>The same image turned half a turn: every pixel row reversed and the rows in reverse order.</summary>
    public static byte[] RotateHalfTurn(ReadOnlySpan<byte> image)
    {
        var (width, height, offset) = ReadHeader(image);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"P5\n{width} {height}\n255\n"));
        var pixels = (long)width * height;
        var result = new byte[header.Length + pixels];
        header.CopyTo(result, 0);
        image.Slice(offset, (int)pixels).CopyTo(result.AsSpan(header.Length));
        result.AsSpan(header.Length).Reverse();
        return result;
    }

    private static int Number(ReadOnlySpan<byte> image, ref int position) =>
        int.TryParse(Token(image, ref position), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException("The PGM header is malformed.");

    private static string Token(ReadOnlySpan<byte> image, ref int position)
    {
        while (position < image.Length)
        {
            if (image[position] == (byte)'#')
            {
                while (position < image.Length && image[position] != (byte)'\n')
                {
                    position++;
                }
            }
            else if (image[position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                position++;
            }
            else
            {
                break;
            }
        }

        var start = position;
        while (position < image.Length && position - start < 16 && image[position] is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
        {
            position++;
        }

        return Encoding.ASCII.GetString(image[start..position]);
    }
}
