using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Infrastructure;

/// <summary>A few images per split in the bird-or-bicycle layout, enough for the server to serve and judge eligibility against.</summary>
internal sealed class TinyDataset : IDisposable
{
    private readonly TempDirectory _root = new("contest-tiny-dataset");

    public TinyDataset(int perClass = 3)
    {
        var seed = 100;
        foreach (var split in new[] { "train", "test", "eligibility" })
        {
            foreach (var label in new[] { "bicycle", "bird" })
            {
                var folder = _root.Combine("0.0.4", split, label);
                Directory.CreateDirectory(folder);
                for (var i = 0; i < perClass; i++)
                    File.WriteAllBytes(System.IO.Path.Combine(folder, $"{seed++:x16}.jpg"), TestImages.Jpeg(seed));
            }
        }
    }

    public string Path => _root.Path;

    public void Dispose() => _root.Dispose();
}
