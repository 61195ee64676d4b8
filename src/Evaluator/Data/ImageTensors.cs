using Contest.Core.Imaging;
using static TorchSharp.torch;

namespace Contest.Evaluator.Data;

/// <summary>Dataset files and attack images as the model input tensor: NCHW float32 in [0,1] on a device.</summary>
internal static class ImageTensors
{
    private const int DecodeChunk = 64;

    /// <summary>Decodes and resizes (exactly as the original loader) every image, in chunks, reporting progress.</summary>
    public static Tensor Load(IReadOnlyList<LocalImage> images, Device device, IPhaseProgress progress, CancellationToken cancellationToken = default)
    {
        if (images.Count == 0)
            return zeros(0, ModelInput.Channels, ModelInput.Size, ModelInput.Size, device: device);
        var chunks = new List<Tensor>();
        progress.Report(PhaseNames.LoadingImages, 0, images.Count);
        for (var start = 0; start < images.Count; start += DecodeChunk)
        {
            var paths = images.Skip(start).Take(DecodeChunk).Select(i => i.Path).ToList();
            var batch = ModelInput.LoadBatch(paths, cancellationToken);
            chunks.Add(tensor(batch.Data, batch.Shape));
            progress.Report(PhaseNames.LoadingImages, Math.Min(images.Count, start + DecodeChunk), images.Count);
        }
        using var host = cat(chunks);
        foreach (var chunk in chunks)
            chunk.Dispose();
        return host.to(device);
    }

    /// <summary>An attack image (already 224x224, PNG or JPEG) as a batch of one.</summary>
    public static Tensor LoadAttackImage(string path, Device device)
    {
        var image = ImageDecoder.Decode(path);
        if (image.Width != ModelInput.Size || image.Height != ModelInput.Size)
            throw new InvalidDataException($"the attack image is {image.Width}x{image.Height}, not {ModelInput.Size}x{ModelInput.Size}.");
        using var host = tensor(ModelInput.ToChw(image), [1, ModelInput.Channels, ModelInput.Size, ModelInput.Size]);
        return host.to(device);
    }
}
