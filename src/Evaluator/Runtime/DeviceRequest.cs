namespace Contest.Evaluator.Runtime;

/// <summary>What the user asked for with --device.</summary>
public enum DeviceRequest
{
    /// <summary>CUDA when libtorch sees a GPU, else the CPU.</summary>
    Auto,

    /// <summary>Always the CPU.</summary>
    Cpu,

    /// <summary>CUDA, or an error saying why not.</summary>
    Cuda,
}
