using Contest.Core.Training;
using Contest.ReferenceModels.NativeFormat;
using static TorchSharp.torch;

namespace Contest.Evaluator.Jobs.Kinds;

/// <summary>The files a trained reference model is stored as: the native format the server evaluates, and safetensors for PyTorch users.</summary>
internal static class TrainedModelFiles
{
    public static void WriteNative(string path, nn.Module<Tensor, Tensor> model, TrainingPlan plan) =>
        NativeModelWriter.Write(path, model, plan.Architecture, plan.Width, plan.Describe());

    public static void WriteSafetensors(string path, nn.Module<Tensor, Tensor> model, TrainingPlan plan)
    {
        using var file = File.Create(path);
        SafetensorsWriter.Write(file, model, plan.Architecture, plan.Width);
    }
}
