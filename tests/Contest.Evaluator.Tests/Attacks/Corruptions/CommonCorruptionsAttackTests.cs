using Contest.Evaluator.Attacks;
using Contest.Evaluator.Attacks.Corruptions;
using Contest.Evaluator.Attacks.Internal;
using Contest.Evaluator.Runtime;
using Contest.Evaluator.Tests.Attacks.Support;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Corruptions;

public class CommonCorruptionsAttackTests
{
    public CommonCorruptionsAttackTests() => TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void Corruptions_AreTheOriginalSeventeenInOrder()
    {
        Assert.Equal(
            ["gaussian_noise", "shot_noise", "impulse_noise", "defocus_blur", "glass_blur", "motion_blur", "zoom_blur", "fog",
             "brightness", "contrast", "elastic_transform", "pixelate", "jpeg_compression", "speckle_noise", "gaussian_blur", "spatter", "saturate"],
            CommonCorruptionsAttack.Corruptions.Select(c => c.Name));
    }

    [Fact]
    public void Run_KeepsTheCorruptionWithTheLargestWrongLogit()
    {
        using var scope = NewDisposeScope();
        using var model = Defenses.Patch(patch: 32, scale: 20);
        var image = FixtureImages.Load("resize_output_224_from_png.png");
        var images = cat([image, image.flip(3)], 0);
        var labels = tensor(new long[] { 0, 1 });

        using var result = new CommonCorruptionsAttack(AttackProfile.Quick).Run(new AttackInput { Images = images, Labels = labels, Model = model, Seed = 21 });

        // Recompute every corruption with the attack's own streams and pick the largest wrong logit by hand.
        var random = new AttackRandom(21, CPU);
        var bytes = ByteImages.FromUnit(images);
        var candidates = CommonCorruptionsAttack.Corruptions.Select(c =>
        {
            using var stream = random.Stream($"common_corruptions/{c.Name}");
            return ByteImages.ToUnit(c.Apply(bytes, stream));
        }).ToList();
        for (var i = 0; i < 2; i++)
        {
            var wrong = candidates.Select(c => model.Forward(c[i..(i + 1)])[0, 1 - (int)labels[i].item<long>()].item<float>()).ToList();
            var best = wrong.IndexOf(wrong.Max());
            Assert.True(result.Images![i].eq(candidates[best][i]).all().item<bool>(), $"image {i} should be {CommonCorruptionsAttack.Corruptions[best].Name}");
        }
        Assert.True(result.Logits!.allclose(model.Forward(result.Images!), 1e-5, 1e-5));
        Assert.Equal(2 * 17, result.ForwardImages);
    }
}
