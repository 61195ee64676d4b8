namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>How a filter reads beyond the image, named as scipy.ndimage names its modes.</summary>
internal enum BorderMode
{
    /// <summary>Repeat the edge pixel (scipy "nearest", OpenCV BORDER_REPLICATE).</summary>
    Nearest,

    /// <summary>Mirror including the edge pixel, d c b a | a b c d (scipy "reflect", OpenCV BORDER_REFLECT).</summary>
    Reflect,

    /// <summary>Mirror about the edge pixel, d c b | a b c d (scipy "mirror", OpenCV BORDER_REFLECT_101).</summary>
    Mirror,
}
