namespace Contest.Core.Models;

/// <summary>
/// A second line of defence behind the isolated job process: refuses model files whose content
/// asks the runtime to touch files, processes or code outside the standard operator libraries,
/// without deserialising or running anything. TorchScript archives have the code libtorch would
/// compile read (under byte budgets: the archive is treated as hostile) and checked call by call;
/// ONNX models are walked for tensors whose data lives in external files. Safe to run on untrusted
/// files inside the server.
/// </summary>
public static class ModelCodeInspection
{
    /// <summary>Inspects a file on disk already recognised as <paramref name="format"/> (see <see cref="ModelFormatSniffer"/>).</summary>
    public static ModelInspectionResult Inspect(string path, ModelFileFormat format)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 << 10);
        return Inspect(stream, format);
    }

    /// <summary>Inspects a seekable stream; its position is restored afterwards.</summary>
    public static ModelInspectionResult Inspect(Stream stream, ModelFileFormat format) => FromTheStart.Read(stream, s => format switch
    {
        ModelFileFormat.TorchScript => TorchScriptArchiveInspection.Inspect(s),
        ModelFileFormat.Onnx => OnnxExternalData.Inspect(s),
        // Weights and a manifest, no code: the native reader checks its structure when it loads.
        ModelFileFormat.Native => ModelInspectionResult.Fine,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown model file format"),
    });
}
