using System.IO.Compression;
using Contest.Core.Models;
using Contest.Tests.Shared;

namespace Contest.Core.Tests.Models;

public class NativeFormatSniffingTests
{
    [Fact]
    public void Sniff_ZipWithTheNativeManifest_IsNative()
    {
        var result = ModelFormatSniffer.Sniff(Zip("contest-model.json", "weights.bin"));

        Assert.True(result.Accepted, result.Refusal);
        Assert.Equal(ModelFileFormat.Native, result.Format);
    }

    [Fact]
    public void Sniff_NativeManifestBesideTorchScriptCode_RefusedAsNeither()
    {
        var result = ModelFormatSniffer.Sniff(Zip("contest-model.json", "archive/code/__torch__/model.py", "archive/data.pkl"));

        Assert.False(result.Accepted);
        Assert.Contains("both a native model manifest (contest-model.json) and TorchScript entries", result.Refusal);
    }

    [Fact]
    public void Sniff_ManifestNameInsideAFolder_NotNative()
    {
        var result = ModelFormatSniffer.Sniff(Zip("model/contest-model.json", "model/weights.bin"));

        Assert.False(result.Accepted);
        Assert.Contains("not a TorchScript model", result.Refusal);
    }

    [Theory]
    [InlineData("tiny_cnn_scripted.pt", ModelFileFormat.TorchScript)]
    [InlineData("tiny_cnn_traced.pt", ModelFileFormat.TorchScript)]
    [InlineData("tiny_cnn.onnx", ModelFileFormat.Onnx)]
    public void SniffFile_TorchScriptAndOnnxFixtures_NeverNative(string name, ModelFileFormat expected)
    {
        Assert.Equal(expected, ModelFormatSniffer.SniffFile(TestPaths.GoodDefense(name)).Format);
    }

    [Fact]
    public void Inspect_Native_NothingToScreen()
    {
        var result = ModelCodeInspection.Inspect(Zip("contest-model.json", "weights.bin"), ModelFileFormat.Native);

        Assert.False(result.Refused);
    }

    private static MemoryStream Zip(params string[] names)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in names)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write("{}"u8);
            }
        }
        buffer.Position = 0;
        return buffer;
    }
}
