using Contest.Core.Training;
using Contest.Core;
using Contest.Core.Imaging;

namespace Contest.ReferenceModels.Training;

/// <summary>A labelled training image on disk (label 0 bicycle, 1 bird).</summary>
public sealed record TrainingImage(string Path, long Label);

/// <summary>Reads image files into a <see cref="TrainingSet"/> through the original loader's decode and resize.</summary>
public static class TrainingSetLoader
{
    /// <exception cref="InvalidDataException">A file is undecodable or not square.</exception>
    public static TrainingSet Load(IReadOnlyList<TrainingImage> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        const int plane = TrainingSet.ImageLength / 3;
        var pixels = new byte[(long)images.Count * TrainingSet.ImageLength];
        ParallelWork.For(images.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var image = ModelInput.Resize(ImageDecoder.Decode(images[i].Path));
            if (image.Width != ModelInput.Size || image.Height != ModelInput.Size)
                throw new InvalidDataException($"training image {i + 1} is {image.Width}x{image.Height} after the loader's resize, not 224x224.");
            // Interleaved RGB to channel-first planes.
            var source = image.Pixels;
            var offset = (long)i * TrainingSet.ImageLength;
            for (var p = 0; p < plane; p++)
            {
                pixels[offset + p] = source[p * 3];
                pixels[offset + plane + p] = source[p * 3 + 1];
                pixels[offset + 2 * plane + p] = source[p * 3 + 2];
            }
        });
        return new TrainingSet(pixels, [.. images.Select(i => i.Label)]);
    }
}
