namespace Contest.Core.Rules;

/// <summary>
/// The shape of every image a defense sees and every attack image submitted: 224x224 RGB. (The
/// dataset's 299x299 files are resized to this by the loader.)
/// </summary>
public static class ImageSpec
{
    /// <summary>Width and height in pixels.</summary>
    public const int Side = 224;

    /// <summary>Colour channels (RGB).</summary>
    public const int Channels = 3;
}
