using Contest.Core.Training;
using static TorchSharp.torch;

namespace Contest.Evaluator.Jobs.Kinds;

/// <summary>The files a trained reference model is stored as: the native format the server evaluates, and safetensors for PyTorch users.</summary>
internal static class TrainedModelFiles
{
    public static void WriteNative(string path, nn.Module<Tensor, Tensor> model, TrainingPlan plan) => throw new NotImplementedException();

    public static void WriteSafetensors(string path, nn.Module<Tensor, Tensor> model, TrainingPlan plan) => throw new NotImplementedException();
}
