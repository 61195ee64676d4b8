namespace Contest.Core.Models;

/// <summary>The model file formats the evaluator can run.</summary>
public enum ModelFileFormat
{
    /// <summary>A TorchScript archive (torch.jit.script or torch.jit.trace, then save).</summary>
    TorchScript,

    /// <summary>An ONNX model.</summary>
    Onnx,
}
