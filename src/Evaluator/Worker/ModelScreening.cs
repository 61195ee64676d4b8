using Contest.Contracts.V1;
using Contest.Core.Models;

namespace Contest.Evaluator.Worker;

/// <summary>
/// The second line of defence, before any job process starts: a TorchScript archive whose code calls
/// file, process or serialization operators, or an ONNX model that names external data files, is
/// refused with a reason naming the call. A native model (the server's own) has no code to screen.
/// The sandbox stays the main defence; this only makes the obvious attempts fail early and say why.
/// </summary>
internal static class ModelScreening
{
    /// <summary>Why the job's model is refused, or null when nothing was found (or the job has no uploaded model).</summary>
    public static string? RefusalFor(JobSpec spec, string? modelPath)
    {
        if (modelPath is null || spec.Defense is null)
            return null;
        ModelFileFormat? format = spec.Defense.Format switch
        {
            ModelFormat.Torchscript => ModelFileFormat.TorchScript,
            ModelFormat.Onnx => ModelFileFormat.Onnx,
            // Made by the server's own training (uploads in this format are refused): weights and a
            // manifest, no code to screen. The reader still checks it, and validation runs as for any model.
            ModelFormat.Native => null,
            _ => null,
        };
        if (format is null)
            return null;
        var result = ModelCodeInspection.Inspect(modelPath, format.Value);
        return result.Refused ? result.Reason : null;
    }
}
