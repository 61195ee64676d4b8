using Contest.Evaluator.Runtime;
using Contest.ReferenceModels.Training;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Training;

/// <summary>The training batch's augmentation: per-image mirror, zoom and shift in one resample, and a channel permutation.</summary>
/// <remarks>Its draws come from libtorch's global generator, so it runs alone with the trainer's tests.</remarks>
[Collection(TrainingCollection.Name)]
public sealed class AugmentationTests
{
    public AugmentationTests() => TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void Apply_OneColourImage_StaysThatColour_NoBorderAppears()
    {
        using var scope = NewDisposeScope();
        var image = stack([full([224, 224], 0.2f), full([224, 224], 0.5f), full([224, 224], 0.9f)]).unsqueeze(0).repeat(8, 1, 1, 1);
        manual_seed(3);

        var augmented = Augmentation.Apply(image, new Random(3));

        Assert.Equal(image.shape, augmented.shape);
        // Every pixel of an image holds the same three values, in some order of the channels.
        var perImage = augmented.amax([2, 3]) - augmented.amin([2, 3]);
        Assert.True(perImage.max().item<float>() < 1e-5f, $"pixels differ by {perImage.max().item<float>()} within a channel");
        var sortedChannels = augmented[.., .., 0, 0].sort(1).Values;
        Assert.True(allclose(sortedChannels, tensor(new[] { 0.2f, 0.5f, 0.9f }).expand(8, 3)));
    }

    [Fact]
    public void Apply_ABatchOfOneLopsidedImage_MirrorsSomeAndNotOthers_AndStaysInTheUnitBox()
    {
        using var scope = NewDisposeScope();
        // Bright on the left half only.
        var image = cat([ones(1, 3, 224, 112), zeros(1, 3, 224, 112)], 3);
        var batch = image.repeat(64, 1, 1, 1);
        manual_seed(5);

        var augmented = Augmentation.Apply(batch, new Random(5));

        var left = augmented[.., .., .., ..112].mean([1, 2, 3]);
        var right = augmented[.., .., .., 112..].mean([1, 2, 3]);
        var mirrored = (right > left).sum().item<long>();
        Assert.InRange(mirrored, 10, 54);
        Assert.True(augmented.min().item<float>() >= 0 && augmented.max().item<float>() <= 1);
    }

    [Fact]
    public void Apply_SameDraws_SameBatch()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var batch = rand(4, 3, 224, 224);
        manual_seed(9);
        var first = Augmentation.Apply(batch, new Random(9));
        manual_seed(9);
        var second = Augmentation.Apply(batch, new Random(9));

        Assert.True(first.eq(second).all().item<bool>());
    }
}
