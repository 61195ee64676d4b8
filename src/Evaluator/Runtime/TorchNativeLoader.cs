using TorchSharp;

namespace Contest.Evaluator.Runtime;

/// <summary>
/// Prepares the process for TorchSharp, once, before anything touches <c>torch</c>:
/// <list type="number">
/// <item>loads libcontest_glibcxx_compat.so globally (built next to the app by the TorchSharp repair;
/// it supplies the one libstdc++ symbol the shim needs on older systems);</item>
/// <item>if <c>CONTEST_LIBTORCH_DIR</c> names a libtorch folder (for example a PyTorch install's
/// torch/lib, for CUDA), loads that libtorch globally so TorchSharp's shim binds to it;</item>
/// <item>initialises TorchSharp and reports what it found.</item>
/// </list>
/// </summary>
public static class TorchNativeLoader
{
    /// <summary>The environment variable naming an external libtorch folder.</summary>
    public const string LibTorchDirectoryVariable = "CONTEST_LIBTORCH_DIR";

    private const string CompatLibrary = "libcontest_glibcxx_compat.so";
    private static readonly Lock Gate = new();
    private static TorchLoadReport? _report;

    // In dependency order; the CUDA ones are optional.
    private static readonly (string Name, bool Required)[] ExternalLibraries =
    [
        ("libc10.so", true),
        ("libtorch_cpu.so", true),
        ("libc10_cuda.so", false),
        ("libtorch_cuda.so", false),
        ("libtorch.so", true),
    ];

    /// <summary>Loads and initialises TorchSharp (idempotent); throws with a fix when it cannot.</summary>
    public static TorchLoadReport EnsureLoaded()
    {
        lock (Gate)
            return _report ??= Load(Environment.GetEnvironmentVariable(LibTorchDirectoryVariable));
    }

    private static TorchLoadReport Load(string? externalDirectory)
    {
        var baseDirectory = AppContext.BaseDirectory;
        var compatPath = Path.Combine(baseDirectory, CompatLibrary);
        var compatLoaded = false;
        if (OperatingSystem.IsLinux() && File.Exists(compatPath))
        {
            NativeLibraries.LoadGlobal(compatPath);
            compatLoaded = true;
        }

        var source = "bundled CPU libtorch";
        if (!string.IsNullOrWhiteSpace(externalDirectory))
        {
            LoadExternalLibTorch(Path.GetFullPath(externalDirectory), baseDirectory);
            source = Path.GetFullPath(externalDirectory);
        }

        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException)
        {
            throw new InvalidOperationException(
                "TorchSharp's native libraries did not load. " +
                (compatLoaded ? "" : $"{CompatLibrary} is missing next to the app (it is built by `dotnet build` with g++); ") +
                $"if you meant to use an external libtorch, set {LibTorchDirectoryVariable} to its lib folder. Cause: {e.Message}", e);
        }

        var cuda = false;
        var devices = 0;
        if (source != "bundled CPU libtorch")
        {
            cuda = torch.TryInitializeDeviceType(DeviceType.CUDA) && torch.cuda.is_available();
            devices = cuda ? torch.cuda.device_count() : 0;
        }
        return new TorchLoadReport(source, compatLoaded, cuda, devices);
    }

    private static void LoadExternalLibTorch(string directory, string baseDirectory)
    {
        if (!Directory.Exists(directory))
            throw new InvalidOperationException($"{LibTorchDirectoryVariable} is set to {directory}, which does not exist.");
        var bundled = Directory.EnumerateFiles(baseDirectory, "libtorch_cpu.so", SearchOption.AllDirectories).FirstOrDefault();
        if (bundled is not null)
            throw new InvalidOperationException(
                $"{LibTorchDirectoryVariable} is set, but this build also bundles the CPU libtorch ({bundled}); two libtorch " +
                "copies in one process conflict. Build or publish the evaluator with -p:BundleLibTorch=false to use an external libtorch.");

        foreach (var (name, required) in ExternalLibraries)
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
                NativeLibraries.LoadGlobal(path);
            else if (required)
                throw new InvalidOperationException($"{LibTorchDirectoryVariable}={directory} has no {name}; point it at libtorch's lib folder.");
        }
    }
}
