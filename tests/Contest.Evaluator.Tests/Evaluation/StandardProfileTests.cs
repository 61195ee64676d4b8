using System.Diagnostics;
using Contest.Contracts.V1;
using Contest.Core.Imaging;
using Contest.Evaluator.Data;
using Contest.Evaluator.Evaluation;
using Contest.Evaluator.Runtime;
using Contest.Evaluator.Tests.Data;
using Contest.Tests.Shared;
using SkiaSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Evaluation;

/// <summary>
/// The standard profile (the original contest's budgets) runs the whole warm-up suite to completion
/// on the CPU, through the same runner evaluation jobs use, on one image.
/// </summary>
[Collection(TrainedSmallCnnCollection.Name)]
public class StandardProfileTests(TrainedSmallCnnFixture trained, ITestOutputHelper output)
{
    [Fact]
    public void WarmupSuite_StandardProfile_RunsToCompletionOnAnImage()
    {
        using var temp = new TempDirectory("contest-standard");
        // One bird of the test split, written as the file a worker would hold: the standard budgets are
        // minutes per image on two cores (boundary about a minute, the spatial grid half of one), and one
        // image runs every code path the budgets reach.
        var images = new[] { trained.TestLabels.Length / 2 }
            .Select(i => new LocalImage($"img{i}", trained.TestLabels[i] == 1 ? Label.Bird : Label.Bicycle, WritePng(temp, i)))
            .ToList();
        using var defense = new ModuleDefense("trained small cnn", trained.Model, CPU, ownsModule: false);

        var clock = Stopwatch.StartNew();
        var report = new SuiteRunner(defense, CPU, IPhaseProgress.None, temp.Combine("artifacts"))
            .Run("warmup", Profile.Standard, seed: 5, images, threshold: 1f, CancellationToken.None);

        output.WriteLine($"standard suite on {images.Count} images: {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var a in report.Attacks)
            output.WriteLine($"  {a.Name}: acc@80 {a.AccuracyAt80:P0}, {a.Seconds:F1} s, {a.ForwardImagesPerSecond:F0} forward img/s");
        Assert.Equal(["clean", "spatial_grid", "common_corruptions", "spsa_with_random_spatial", "boundary_with_random_spatial", "pgd_linf"],
            report.Attacks.Select(a => a.Name));
        Assert.All(report.Attacks, a =>
        {
            Assert.Equal("", a.SkippedReason);
            Assert.Equal(Profile.Standard, a.Profile);
            Assert.Equal(1, a.Images);
            Assert.Equal(100, a.RiskCoverage.Count);
            Assert.NotEqual(0, a.Seed);
        });
        Assert.Equal("200", report.Attacks.Single(a => a.Name == "spsa_with_random_spatial").Parameters["steps"]);
        Assert.Equal(6, report.Images.Count);
        Assert.True(File.Exists(temp.Combine("artifacts", "risk_coverage.png")));
        Assert.True(File.Exists(temp.Combine("artifacts", "boundary_with_random_spatial", "adversarial_images.zip")));
    }

    private string WritePng(TempDirectory temp, int index)
    {
        var bytes = trained.TestImages.AsSpan(index * ModelInput.ImageLength, ModelInput.ImageLength);
        using var bitmap = new SKBitmap(new SKImageInfo(ModelInput.Size, ModelInput.Size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        const int plane = ModelInput.Size * ModelInput.Size;
        for (var p = 0; p < plane; p++)
        {
            bitmap.SetPixel(p % ModelInput.Size, p / ModelInput.Size, new SKColor(
                (byte)Math.Round(bytes[p] * 255), (byte)Math.Round(bytes[plane + p] * 255), (byte)Math.Round(bytes[(2 * plane) + p] * 255)));
        }
        var path = temp.Combine($"img{index}.png");
        using (var data = bitmap.Encode(SKEncodedImageFormat.Png, 100))
            File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
