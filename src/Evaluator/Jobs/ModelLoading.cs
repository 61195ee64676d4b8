using Contest.Evaluator.Data;
using Contest.Evaluator.Runtime;

namespace Contest.Evaluator.Jobs;

/// <summary>Loads a job's defense, turning a load error into a reason for the defender.</summary>
internal static class ModelLoading
{
    public static IDefenseModel Load(JobContext context)
    {
        var defense = context.Spec.Defense ?? throw new DefenseContractException("the job names no defense.");
        var path = context.Inputs.ModelPath ?? throw new DefenseContractException("the defense's model file is missing.");
        context.Progress.Report(PhaseNames.LoadingModel, 0, 1);
        try
        {
            var model = DefenseLoader.Load(path, defense.Format, context.Device, defense.Id);
            context.Progress.Report(PhaseNames.LoadingModel, 1, 1);
            return model;
        }
        catch (Exception e) when (e is System.Runtime.InteropServices.ExternalException or InvalidDataException or IOException
                                      or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            throw new DefenseContractException(
                "the model could not be loaded (the loader's message is shown to the defense's team). Save it again (torch.jit.save or torch.onnx.export) and upload it again.",
                ErrorText.Message(e.Message));
        }
    }
}
