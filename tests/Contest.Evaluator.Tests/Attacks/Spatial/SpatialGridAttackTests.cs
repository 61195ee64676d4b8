using Contest.Evaluator.Attacks;
using Contest.Evaluator.Attacks.Internal;
using Contest.Evaluator.Attacks.Spatial;
using Contest.Evaluator.Runtime;
using Contest.Evaluator.Tests.Attacks.Support;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Spatial;

public class SpatialGridAttackTests
{
    public SpatialGridAttackTests() => TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void StandardGrid_IsTheOriginals775TransformsDxSlowestAngleFastest()
    {
        var grid = SpatialGridOptions.Standard.Grid();

        Assert.Equal(775, grid.Count);
        Assert.Equal(new SpatialTransform(-30, -18, -18), grid[0]);
        Assert.Equal(new SpatialTransform(-28, -18, -18), grid[1]);
        Assert.Equal(new SpatialTransform(-30, -18, -9), grid[31]);
        Assert.Equal(new SpatialTransform(30, 18, 18), grid[^1]);
        Assert.Equal(31, grid.Select(t => t.Angle).Distinct().Count());
    }

    [Fact]
    public void QuickGrid_IsCoarser()
    {
        Assert.Equal(27, SpatialGridOptions.Quick.Grid().Count);
    }

    [Fact]
    public void Run_KeepsTheTransformWithTheLargestMargin()
    {
        using var scope = NewDisposeScope();
        using var model = Defenses.Patch(patch: 16, scale: 20);
        var options = new SpatialGridOptions([-18, 0, 18], [-20, 0, 20], 0.15);
        var image = FixtureImages.Load("spatial_input_224.png");
        var images = cat([image, image.flip(2)], 0);
        var labels = tensor(new long[] { 0, 1 });

        using var result = new SpatialGridAttack(AttackProfile.Quick, options).Run(
            new AttackInput { Images = images, Labels = labels, Model = model, ForwardBatchSize = 7 });

        // Brute force: score every transform alone and take the first with the largest wrong-minus-correct logit.
        var bordered = BlackBorder.Apply(images, 0.15);
        for (var i = 0; i < 2; i++)
        {
            var label = (int)labels[i].item<long>();
            var margins = options.Grid().Select(t =>
            {
                var logits = model.Forward(ByteImages.ToUnit(PilAffine.ApplyEach(bordered[i..(i + 1)], [t])));
                return logits[0, 1 - label].item<float>() - logits[0, label].item<float>();
            }).ToList();
            var best = options.Grid()[margins.IndexOf(margins.Max())];
            var expected = ByteImages.ToUnit(PilAffine.ApplyEach(bordered[i..(i + 1)], [best]));
            Assert.True(result.Images![i..(i + 1)].eq(expected).all().item<bool>(), $"image {i} should use {best}");
        }
        Assert.True(result.Logits!.allclose(model.Forward(result.Images!), 1e-5, 1e-5));
        Assert.Equal(2 * 27, result.ForwardImages);
    }
}
