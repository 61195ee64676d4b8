using Contest.Core.Dataset;
using Contest.Core.Imaging;

namespace Contest.Core.Tests.Dataset;

/// <summary>Each image's per-channel mean and standard deviation in [0,1]: six numbers that must not give the class away.</summary>
internal static class ColourStatistics
{
    public static (double[][] Features, int[] Labels) Of(DatasetReader reader, DatasetSplit split)
    {
        var entries = reader.List(split);
        var features = new double[entries.Count][];
        Parallel.For(0, entries.Count, i => features[i] = Of(ImageDecoder.Decode(reader.FullPath(entries[i]))));
        return (features, entries.Select(e => (int)e.Label).ToArray());
    }

    public static double[] Of(RgbImage image)
    {
        var features = new double[6];
        var count = image.Width * image.Height;
        for (var channel = 0; channel < 3; channel++)
        {
            double sum = 0, squares = 0;
            for (var i = 0; i < count; i++)
            {
                var value = image.Pixels[i * 3 + channel] / 255.0;
                sum += value;
                squares += value * value;
            }
            var mean = sum / count;
            features[channel] = mean;
            features[3 + channel] = Math.Sqrt(Math.Max(0, squares / count - mean * mean));
        }
        return features;
    }
}
