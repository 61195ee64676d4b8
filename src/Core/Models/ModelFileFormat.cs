namespace Contest.Core.Models;

/// <summary>The model file formats the evaluator can run.</summary>
public enum ModelFileFormat
{
    /// <summary>A TorchScript archive (torch.jit.script or torch.jit.trace, then save).</summary>
    TorchScript,

    /// <summary>An ONNX model.</summary>
    Onnx,

    /// <summary>
    /// A native model file: a ZIP holding <c>contest-model.json</c> and TorchSharp weights, made by the
    /// server's reference training only (never accepted as an upload).
    /// </summary>
    Native,
}
