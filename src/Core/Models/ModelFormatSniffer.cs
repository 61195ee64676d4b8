using System.IO.Compression;

namespace Contest.Core.Models;

/// <summary>
/// Decides from a file's structure, without deserialising anything, whether it is a model the
/// evaluator can run (a TorchScript archive, an ONNX model, or the server's own native format), and
/// otherwise says why not in words a defender can act on. Safe to run on untrusted files inside the
/// server. Whether a format is welcome as an upload is the caller's decision.
/// </summary>
public static class ModelFormatSniffer
{
    /// <summary>The export instructions given with every refusal of a weights-only file.</summary>
    public const string ExportHint =
        "Export the whole model instead: TorchScript with `torch.jit.script(model).save(\"model.pt\")` " +
        "(or `torch.jit.trace` with an example batch, keeping the batch dimension dynamic), or ONNX with " +
        "`torch.onnx.export(model, example, \"model.onnx\", input_names=[\"images\"], output_names=[\"logits\"], " +
        "dynamic_axes={\"images\": {0: \"batch\"}, \"logits\": {0: \"batch\"}})`.";

    /// <summary>The entry at the root of a ZIP that makes it a native model file.</summary>
    public const string NativeManifestEntry = "contest-model.json";

    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];
    private static ReadOnlySpan<byte> HdfMagic => [0x89, 0x48, 0x44, 0x46];

    /// <summary>Sniffs a seekable stream positioned anywhere; the position is restored afterwards.</summary>
    public static ModelSniffResult Sniff(Stream stream) => FromTheStart.Read(stream, SniffFromStart);

    /// <summary>Sniffs a file on disk.</summary>
    public static ModelSniffResult SniffFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Sniff(stream);
    }

    private static ModelSniffResult SniffFromStart(Stream stream)
    {
        if (stream.Length == 0)
            return ModelSniffResult.Refuse("the file is empty.");

        Span<byte> head = stackalloc byte[16];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        stream.Position = 0;

        if (head.StartsWith(ZipMagic))
            return SniffZip(stream);
        if (head.Length >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5)
            return ModelSniffResult.Refuse(
                "this is a legacy `torch.save` pickle (a checkpoint or state_dict), not a runnable model; " +
                "the server never unpickles uploads. " + ExportHint);
        if (head.StartsWith(HdfMagic))
            return ModelSniffResult.Refuse(
                "this is an HDF5 file (for example a Keras .h5 model), which the evaluator cannot run. " +
                "Convert it to ONNX (for example with tf2onnx) and upload the .onnx file.");
        if (LooksLikeSafetensors(head, stream.Length))
            return ModelSniffResult.Refuse(
                "this is a safetensors file: weights only, without the model's code. " + ExportHint);
        if (OnnxStructure.IsModelProto(stream))
            return ModelSniffResult.Accept(ModelFileFormat.Onnx);

        return ModelSniffResult.Refuse(
            "unrecognised file: expected a TorchScript archive (saved with torch.jit.save) or an ONNX model. " +
            ExportHint);
    }

    private static ModelSniffResult SniffZip(Stream stream)
    {
        List<string> names;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            names = zip.Entries.Select(e => e.FullName).ToList();
        }
        catch (InvalidDataException)
        {
            return ModelSniffResult.Refuse(
                "the file starts like a ZIP archive (as TorchScript files do) but its directory cannot be read: " +
                "it is truncated or corrupt. Save the model again and re-upload it.");
        }

        var hasCode = names.Any(n => n.Contains("/code/", StringComparison.Ordinal));
        var hasConstants = names.Any(n => n.EndsWith("/constants.pkl", StringComparison.Ordinal));
        var hasData = names.Any(n => n.EndsWith("/data.pkl", StringComparison.Ordinal) || n == "data.pkl");

        // torch.jit.save puts every entry under one folder; the native manifest sits at the root.
        var hasNativeManifest = names.Contains(NativeManifestEntry, StringComparer.Ordinal);
        if (hasNativeManifest && (hasCode || hasConstants || hasData))
            return ModelSniffResult.Refuse(
                $"this ZIP archive holds both a native model manifest ({NativeManifestEntry}) and TorchScript entries; " +
                "a model file is one or the other. " + ExportHint);
        if (hasNativeManifest)
            return ModelSniffResult.Accept(ModelFileFormat.Native);
        if (hasCode || hasConstants)
            return ModelSniffResult.Accept(ModelFileFormat.TorchScript);
        if (hasData)
            return ModelSniffResult.Refuse(
                "this is a weights-only checkpoint (`torch.save` of a model or its state_dict): it holds tensors " +
                "but no model code, so it cannot be run. " + ExportHint);
        return ModelSniffResult.Refuse(
            "this ZIP archive is not a TorchScript model (it has no code/ folder and no constants.pkl). " + ExportHint);
    }

    // safetensors: an 8-byte little-endian header length, then a JSON header starting with '{'.
    private static bool LooksLikeSafetensors(ReadOnlySpan<byte> head, long length)
    {
        if (head.Length < 9 || head[8] != (byte)'{')
            return false;
        var headerLength = BitConverter.ToUInt64(head[..8]);
        return headerLength > 1 && headerLength < (ulong)length;
    }
}
