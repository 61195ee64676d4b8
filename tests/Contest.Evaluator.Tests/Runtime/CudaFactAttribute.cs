using Contest.Evaluator.Runtime;

namespace Contest.Evaluator.Tests.Runtime;

/// <summary>A test that needs a CUDA device; it skips itself, saying why, where libtorch sees none.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!TorchNativeLoader.EnsureLoaded().CudaAvailable)
        {
            Skip = "needs a CUDA GPU: this libtorch sees none (the bundled one is CPU-only; build with -p:BundleLibTorch=false and set " +
                   $"{TorchNativeLoader.LibTorchDirectoryVariable} to a CUDA libtorch to run it).";
        }
    }
}
