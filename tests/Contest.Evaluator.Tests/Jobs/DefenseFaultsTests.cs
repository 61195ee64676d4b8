using System.Runtime.InteropServices;
using Contest.Contracts.V1;
using Contest.Evaluator.Jobs;
using Contest.Evaluator.Runtime;
using Contest.Tests.Shared;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Jobs;

/// <summary>
/// Whose fault a libtorch error is: an error the model's forward raised is the defense's (not retried,
/// its words for its team); libtorch failing in the evaluator's own tensor code is ours (retried).
/// </summary>
public sealed class DefenseFaultsTests : IDisposable
{
    private readonly TempDirectory _models = new("defense-faults");

    public DefenseFaultsTests() => TorchNativeLoader.EnsureLoaded();

    public void Dispose() => _models.Dispose();

    [Fact]
    public void AnErrorRaisedInForward_IsTheDefensesFault_WithItsWordsApart()
    {
        using var model = DefenseLoader.Load(HostileModels.Raises(_models.Path, "not today"), ModelFormat.Torchscript, CPU);
        using var images = zeros(1, 3, 224, 224);

        var raised = Assert.Throws<ModelRaisedException>(() => model.Forward(images));
        var failure = DefenseFaults.Describe(raised)!;

        Assert.False(failure.Retryable);
        Assert.StartsWith("the model raised an error while running", failure.Reason);
        Assert.DoesNotContain("not today", failure.Reason);
        Assert.Contains("not today", failure.ModelMessage);
    }

    [Fact]
    public void LibtorchFailingInTheEvaluatorsOwnCode_IsRetried_AndBlamesNoModel()
    {
        using var a = ones(2, 3);
        var error = Assert.ThrowsAny<ExternalException>(() => a.reshape(7));

        var failure = DefenseFaults.Describe(error)!;

        Assert.IsNotType<ModelRaisedException>(error);
        Assert.True(failure.Retryable);
        Assert.StartsWith("the evaluator's tensor runtime failed outside the model", failure.Reason);
        Assert.Equal("", failure.ModelMessage);
    }
}
