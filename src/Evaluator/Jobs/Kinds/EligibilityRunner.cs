using Contest.Contracts.V1;
using Contest.Evaluator.Data;

namespace Contest.Evaluator.Jobs.Kinds;

/// <summary>Eligibility: the defense's logits on the hidden split and on earlier valid adversarial images. The server judges.</summary>
internal sealed class EligibilityRunner : IJobKindRunner
{
    public JobKind Kind => JobKind.Eligibility;

    public CompleteJobRequest Run(JobContext context)
    {
        using var model = ModelLoading.Load(context);
        using var images = ImageTensors.Load(context.Inputs.Images, context.Device, context.Progress);
        var (logits, rate) = BatchedForward.Run(model, images, context.Progress, "eligibility split");
        var outcome = new EligibilityOutcome { ImagesPerSecond = rate, Device = context.Device.ToString() };
        for (var i = 0; i < context.Inputs.Images.Count; i++)
        {
            var image = context.Inputs.Images[i];
            outcome.Images.Add(new ImageResult { Index = i, Id = image.Id, Label = image.Label, Attack = "clean", Logits = { logits[2 * i], logits[(2 * i) + 1] } });
        }
        var prior = context.Inputs.PriorAttacks;
        for (var i = 0; i < prior.Count; i++)
        {
            context.Progress.Report("earlier adversarial images", i, prior.Count);
            using var image = ImageTensors.LoadAttackImage(prior[i].Path, context.Device);
            using var output = model.Forward(image).cpu();
            var pair = output.data<float>().ToArray();
            outcome.PriorAttacks.Add(new PriorAttackOutcome { AttackId = prior[i].AttackId, Logits = { pair[0], pair[1] } });
        }
        return new CompleteJobRequest { Eligibility = outcome };
    }
}
