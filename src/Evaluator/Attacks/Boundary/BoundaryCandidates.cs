using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Boundary;

/// <summary>
/// foolbox 1.x's default candidate generator, for many images and candidates at once (float64, as
/// foolbox's internal dtype): a random direction orthogonal to the current source direction, scaled
/// to the spherical step, taken on the sphere around the original (clipped to [0,1]); then a step of
/// the source step length towards the original, corrected for the clipping.
/// </summary>
internal static class BoundaryCandidates
{
    /// <summary>
    /// originals and perturbed [n,D], step sizes [n], normals [n,b,D] to (candidates, spherical candidates), each [n,b,D].
    /// </summary>
    public static (Tensor Candidates, Tensor Spherical) Generate(
        Tensor originals, Tensor perturbed, Tensor sphericalSteps, Tensor sourceSteps, Tensor normals)
    {
        using var scope = NewDisposeScope();
        var original = originals.unsqueeze(1);
        var unnormalised = (originals - perturbed).unsqueeze(1);
        var sourceNorm = unnormalised.norm(-1, keepdim: true);
        var sourceDirection = unnormalised / sourceNorm;
        var spherical = sphericalSteps.reshape(-1, 1, 1);

        // In place on the normals' buffer: these tensors are candidates x 150528 doubles each.
        var onSphere = normals.sub_((normals * sourceDirection).sum(-1, true) * sourceDirection);
        onSphere.mul_(spherical * sourceNorm / onSphere.norm(-1, keepdim: true));
        onSphere.sub_(unnormalised).div_((spherical * spherical + 1).sqrt_()).add_(original).clamp_(0, 1);

        var candidates = original - onSphere;
        var towardsNorm = candidates.norm(-1, keepdim: true);
        // The step length, corrected for how far clipping moved the point off the sphere; never negative.
        var length = (sourceSteps.reshape(-1, 1, 1) * sourceNorm + (towardsNorm - sourceNorm)).clamp_min_(0) / towardsNorm;
        candidates.mul_(length).add_(onSphere).clamp_(0, 1);
        return (candidates.MoveToOuterDisposeScope(), onSphere.MoveToOuterDisposeScope());
    }
}
