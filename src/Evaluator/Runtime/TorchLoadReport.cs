namespace Contest.Evaluator.Runtime;

/// <summary>How TorchSharp's native side was loaded in this process.</summary>
/// <param name="LibTorchSource">"bundled CPU libtorch" or the external folder used.</param>
/// <param name="CompatibilityShimLoaded">Whether the GLIBCXX compatibility library was loaded.</param>
/// <param name="CudaAvailable">Whether libtorch sees a usable CUDA device.</param>
/// <param name="CudaDeviceCount">How many CUDA devices it sees.</param>
public sealed record TorchLoadReport(string LibTorchSource, bool CompatibilityShimLoaded, bool CudaAvailable, int CudaDeviceCount);
