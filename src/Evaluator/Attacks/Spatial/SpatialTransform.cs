namespace Contest.Evaluator.Attacks.Spatial;

/// <summary>
/// A rotation about the image centre followed by a translation, as
/// <c>torchvision.transforms.functional.affine(angle, translate=[Dx, Dy], scale=1, shear=0)</c>
/// applies it to a PIL image: positive angles turn the picture clockwise on screen, positive Dx
/// moves it right, positive Dy moves it down.
/// </summary>
internal readonly record struct SpatialTransform(double Angle, double Dx, double Dy)
{
    /// <summary>
    /// The output-to-input matrix [a0..a5] PIL's <c>Image.transform(AFFINE)</c> receives, computed
    /// in the same order as torchvision's <c>_get_inverse_affine_matrix</c> so the doubles match.
    /// </summary>
    public double[] PilInverseMatrix(int width, int height)
    {
        var centreX = width * 0.5;
        var centreY = height * 0.5;
        var rotation = Angle * (Math.PI / 180.0);
        var cos = Math.Cos(rotation);
        var sin = Math.Sin(rotation);
        // With no shear and no scale the inverse rotation is [cos, sin; -sin, cos].
        var m = new[] { cos, sin, 0.0, -sin, cos, 0.0 };
        m[2] += m[0] * (-centreX - Dx) + m[1] * (-centreY - Dy);
        m[5] += m[3] * (-centreX - Dx) + m[4] * (-centreY - Dy);
        m[2] += centreX;
        m[5] += centreY;
        return m;
    }
}
