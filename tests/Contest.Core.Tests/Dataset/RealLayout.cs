using SkiaSharp;

namespace Contest.Core.Tests.Dataset;

/// <summary>Writes a stand-in for a real copy: plain 299x299 JPEGs in the layout, no manifests.</summary>
internal static class RealLayout
{
    public static void Write(string versionDirectory, int perClass, string[] splits)
    {
        using var bitmap = new SKBitmap(299, 299);
        var n = 0;
        foreach (var split in splits)
        {
            foreach (var label in new[] { "bicycle", "bird" })
            {
                var folder = Path.Combine(versionDirectory, split, label);
                Directory.CreateDirectory(folder);
                for (var i = 0; i < perClass; i++)
                {
                    bitmap.Erase(new SKColor((byte)(n * 40), 90, 160));
                    using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
                    File.WriteAllBytes(Path.Combine(folder, $"{n++:x16}.jpg"), data.ToArray());
                }
            }
        }
    }
}
