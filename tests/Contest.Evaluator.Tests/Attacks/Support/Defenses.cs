using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Support;

/// <summary>The defenses attack tests run against.</summary>
internal static class Defenses
{
    /// <summary><see cref="PatchMeanModel"/> on the CPU.</summary>
    public static IDefenseModel Patch(int patch = 4, double scale = 200) => new ModuleDefense("patch-mean", new PatchMeanModel(patch, scale), CPU);

    /// <summary>Accuracy of logits [N,2] against labels [N], with the contest's prediction rule (ties are bicycle).</summary>
    public static double Accuracy(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var predicted = logits[.., 0].lt(logits[.., 1]).to(ScalarType.Int64);
        return predicted.eq(labels).to(ScalarType.Float32).mean().item<float>();
    }
}
