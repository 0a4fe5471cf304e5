using MedSummary.Core.Provenance;

namespace MedSummary.Ingestion.Pdf.Layout;

/// <summary>
/// The upright frame of a page's text when the text runs rotated on the page (a page scanned sideways or upside
/// down): layout happens in this frame, where text reads left to right and lines go down, while provenance boxes are
/// mapped back to the page's displayed frame. Both frames are in points with the origin bottom-left.
/// </summary>
/// <param name="Rotation">How the text runs on the page, in degrees clockwise: 0, 90, 180 or 270.</param>
/// <param name="PageWidth">The page's displayed width.</param>
/// <param name="PageHeight">The page's displayed height.</param>
internal readonly record struct TextFrame(int Rotation, double PageWidth, double PageHeight)
{
    public static TextFrame Upright(double width, double height) => new(0, width, height);

    public bool IsUpright => Rotation == 0;

    /// <summary>Width of the upright frame: the page's height when the text runs sideways.</summary>
    public double Width => Rotation is 90 or 270 ? PageHeight : PageWidth;

    public double Height => Rotation is 90 or 270 ? PageWidth : PageHeight;

    /// <summary>Normalizes any multiple of 90 degrees (negative too) to 0, 90, 180 or 270; anything else to 0.</summary>
    public static int NormalizeRotation(int degrees) =>
        degrees % 90 != 0 ? 0 : ((degrees % 360) + 360) % 360;

    public BoundingBox ToUpright(BoundingBox box) => Rotation switch
    {
        // Text reading downwards: the page turned a quarter counter-clockwise puts it upright.
        90 => Box(PageHeight - box.Top, box.Left, PageHeight - box.Bottom, box.Right),
        180 => Box(PageWidth - box.Right, PageHeight - box.Top, PageWidth - box.Left, PageHeight - box.Bottom),
        270 => Box(box.Bottom, PageWidth - box.Right, box.Top, PageWidth - box.Left),
        _ => box,
    };

    public BoundingBox ToPage(BoundingBox box) => Rotation switch
    {
        90 => Box(box.Bottom, PageHeight - box.Right, box.Top, PageHeight - box.Left),
        180 => Box(PageWidth - box.Right, PageHeight - box.Top, PageWidth - box.Left, PageHeight - box.Bottom),
        270 => Box(PageWidth - box.Top, box.Left, PageWidth - box.Bottom, box.Right),
        _ => box,
    };

    private static BoundingBox Box(double left, double bottom, double right, double top) => new(left, bottom, right, top);
}
