using Contest.Contracts.V1;
using Contest.Evaluator.Data;
using Contest.Evaluator.Runtime;

namespace Contest.Evaluator.Jobs.Kinds;

/// <summary>A verdict: one attack image through one defense. The server applies the threshold.</summary>
internal sealed class VerdictRunner : IJobKindRunner
{
    public JobKind Kind => JobKind.Verdict;

    public CompleteJobRequest Run(JobContext context)
    {
        var path = context.Inputs.AttackImagePath ?? throw new DefenseContractException("the verdict job has no attack image.");
        using var model = ModelLoading.Load(context);
        context.Progress.Report("verdict", 0, 1);
        using var image = ImageTensors.LoadAttackImage(path, context.Device);
        using var output = model.Forward(image).cpu();
        if (output.dim() != 2 || output.shape[0] != 1 || output.shape[1] != 2)
            throw new DefenseContractException($"output has shape [{string.Join(",", output.shape)}]; expected [1,2] logits (bicycle, bird).");
        var logits = output.data<float>().ToArray();
        // A defense must answer or abstain; NaN or infinity is neither, and its own fault (not retried).
        if (!logits.All(float.IsFinite))
            throw new DefenseContractException($"the model returned non-finite logits [{string.Join(", ", logits)}] on the attack image; a defense must answer or abstain.");
        context.Progress.Report("verdict", 1, 1);
        return new CompleteJobRequest { Verdict = new VerdictOutcome { Logits = { logits } } };
    }
}
