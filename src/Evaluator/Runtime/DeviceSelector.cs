using TorchSharp;

namespace Contest.Evaluator.Runtime;

/// <summary>Turns --device auto|cpu|cuda into a torch device, loading TorchSharp first.</summary>
public static class DeviceSelector
{
    /// <summary>Parses "auto", "cpu" or "cuda" (any case).</summary>
    public static DeviceRequest Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => DeviceRequest.Auto,
        "cpu" => DeviceRequest.Cpu,
        "cuda" or "gpu" => DeviceRequest.Cuda,
        _ => throw new ArgumentException($"unknown device '{text}': use auto, cpu or cuda."),
    };

    /// <summary>The device to run on.</summary>
    public static torch.Device Resolve(DeviceRequest request)
    {
        var report = TorchNativeLoader.EnsureLoaded();
        return request switch
        {
            DeviceRequest.Cpu => torch.CPU,
            DeviceRequest.Auto => report.CudaAvailable ? torch.CUDA : torch.CPU,
            _ when report.CudaAvailable => torch.CUDA,
            _ => throw new InvalidOperationException(
                "--device cuda was asked for, but libtorch sees no CUDA device. The bundled libtorch is CPU-only: " +
                $"build the evaluator with -p:BundleLibTorch=false and set {TorchNativeLoader.LibTorchDirectoryVariable} to a CUDA " +
                "libtorch's lib folder (for example `python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))'`/lib)."),
        };
    }
}
