namespace Contest.Evaluator.Attacks.Internal;

/// <summary>The PIL resampling filters the suite uses.</summary>
internal enum PilFilter
{
    /// <summary><c>Image.BOX</c>: each output pixel averages the input pixels its area covers.</summary>
    Box,

    /// <summary><c>Image.BILINEAR</c>: a triangle filter, widened when shrinking (antialiased).</summary>
    Bilinear,
}
