using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Contest.Core.Training;
using Contest.Evaluator.Runtime;
using Contest.ReferenceModels.NativeFormat;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.ReferenceModels.NativeFormat;

public class NativeModelRefusalTests
{
    public NativeModelRefusalTests() => TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void Read_NotAZip_Refused()
    {
        AssertRefused(Encoding.UTF8.GetBytes("just some text, not a model"), "not a ZIP archive");
    }

    [Fact]
    public void Read_TruncatedZip_RefusedForTheMissingEndRecord()
    {
        AssertRefused(NativeFiles.SmallValid()[..^30], "no end-of-directory record");
    }

    [Fact]
    public void Read_NoManifest_Refused()
    {
        var (_, weights) = NativeFiles.Open(NativeFiles.SmallValid());

        AssertRefused(NativeFiles.Zip(("weights.bin", weights)), "the archive has no entry 'contest-model.json' (the manifest)");
    }

    [Fact]
    public void Read_NoWeights_Refused()
    {
        var (manifest, _) = NativeFiles.Open(NativeFiles.SmallValid());

        AssertRefused(NativeFiles.Zip(("contest-model.json", Encoding.UTF8.GetBytes(manifest.ToJsonString()))),
            "the archive has no entry 'weights.bin' (the weights)");
    }

    [Fact]
    public void Read_ManifestTwice_Refused()
    {
        var (manifest, weights) = NativeFiles.Open(NativeFiles.SmallValid());
        var json = Encoding.UTF8.GetBytes(manifest.ToJsonString());

        AssertRefused(NativeFiles.Zip(("contest-model.json", json), ("contest-model.json", json), ("weights.bin", weights)),
            "holds the entry 'contest-model.json' (the manifest) twice");
    }

    [Fact]
    public void Read_ManifestOver64KiB_RefusedBeforeReading()
    {
        var (manifest, weights) = NativeFiles.Open(NativeFiles.SmallValid());
        var json = Encoding.UTF8.GetBytes(manifest.ToJsonString() + new string(' ', 70_000));

        AssertRefused(NativeFiles.Zip(("contest-model.json", json), ("weights.bin", weights)), "at most 65536 are allowed");
    }

    [Fact]
    public void Read_WeightsDeclaringOver1GiB_RefusedBeforeReading()
    {
        var file = NativeFiles.SmallValid();
        DeclareSize(file, "weights.bin", 0x7FFF_0000);

        AssertRefused(file, "the weights ('weights.bin') declares 2147418112 bytes; at most 1073741824 are allowed");
    }

    [Fact]
    public void Read_EntryUnpackingToLessThanDeclared_Refused()
    {
        var file = NativeFiles.SmallValid();
        var (_, weights) = NativeFiles.Open(file);
        DeclareSize(file, "weights.bin", (uint)weights.Length + 100);

        var error = Assert.Throws<NativeModelException>(() => NativeModelReader.Read(new MemoryStream(file), CPU));

        Assert.Contains("weights", error.Message);
    }

    [Fact]
    public void Read_TwentyEntries_RefusedBeforeTheDirectoryIsParsed()
    {
        var (manifest, weights) = NativeFiles.Open(NativeFiles.SmallValid());
        var entries = new List<(string, byte[])> { ("contest-model.json", Encoding.UTF8.GetBytes(manifest.ToJsonString())), ("weights.bin", weights) };
        entries.AddRange(Enumerable.Range(0, 18).Select(i => ($"junk{i}", new byte[] { 1 })));

        AssertRefused(NativeFiles.Zip([.. entries]), "declares 20 entries; a native model file has at most 16");
    }

    [Theory]
    [InlineData("format", "\"contest-other\"", "the manifest's format is 'contest-other', not 'contest-native'")]
    [InlineData("format_version", "2", "format_version is 2; this build reads version 1 only")]
    [InlineData("architecture", "\"vgg16\"", "unknown architecture 'vgg16'")]
    [InlineData("architecture_version", "2", "small_cnn version 2, but this build's small_cnn is version 1")]
    [InlineData("width", "1000", "width 1000 is out of range: 4-256")]
    [InlineData("width", "2", "width 2 is out of range: 4-256")]
    [InlineData("classes", "[\"bird\",\"bicycle\"]", "the classes are [bird, bicycle]")]
    [InlineData("input", "{\"shape\":[-1,3,112,112],\"range\":[0,1]}", "the input is shape [-1, 3, 112, 112]")]
    [InlineData("weights", "\"../weights.bin\"", "is not a plain file name")]
    [InlineData("parameter_count", "12", "the manifest counts 12 parameters; small_cnn at width 4 has")]
    [InlineData("parameter_count", "\"many\"", "the manifest is not valid")]
    [InlineData("training", "{\"seed\":null}", "every value of the training record must be a string")]
    [InlineData("surprise", "1", "the manifest is not valid")]
    public void Read_ManifestBreakingARule_RefusedNamingIt(string field, string json, string expected)
    {
        var (manifest, weights) = NativeFiles.Open(NativeFiles.SmallValid());
        manifest[field] = JsonNode.Parse(json);

        AssertRefused(NativeFiles.Assemble(manifest, weights), expected);
    }

    [Fact]
    public void Read_ManifestMissingAField_RefusedNamingIt()
    {
        var (manifest, weights) = NativeFiles.Open(NativeFiles.SmallValid());
        manifest.Remove("weights_sha256");

        AssertRefused(NativeFiles.Assemble(manifest, weights, keepHash: true), "weights_sha256");
    }

    [Fact]
    public void Read_ManifestNotJson_Refused()
    {
        var (_, weights) = NativeFiles.Open(NativeFiles.SmallValid());

        AssertRefused(NativeFiles.Zip(("contest-model.json", "{not json"u8.ToArray()), ("weights.bin", weights)), "the manifest is not valid");
    }

    [Fact]
    public void Read_ResNet18AtAnotherWidth_Refused()
    {
        var (manifest, weights) = NativeFiles.Open(NativeFiles.SmallValid());
        manifest["architecture"] = ArchitectureNames.ResNet18Name;
        manifest["width"] = 16;

        AssertRefused(NativeFiles.Assemble(manifest, weights), "resnet18 has width 64; the manifest says 16");
    }

    [Fact]
    public void Read_WeightsChangedAfterWriting_RefusedForTheHash()
    {
        var (manifest, weights) = NativeFiles.Open(NativeFiles.SmallValid());
        weights[^1] ^= 0xFF;

        AssertRefused(NativeFiles.Assemble(manifest, weights, keepHash: true), "the manifest says");
    }

    [Fact]
    public void Read_WeightsOfAnotherWidth_RefusedNamingTheTensor()
    {
        var (manifest, weights) = NativeFiles.Open(NativeFiles.SmallValid());
        manifest["width"] = 8;
        manifest["parameter_count"] = NativeFiles.ParameterCount(ArchitectureNames.SmallCnnName, 8);

        AssertRefused(NativeFiles.Assemble(manifest, weights), "is stored with shape [4, 3, 3, 3]; small_cnn at width 8 has [8, 3, 3, 3]");
    }

    [Fact]
    public void Read_WeightsOfAnotherArchitecture_RefusedCountingTheTensors()
    {
        var (manifest, weights) = NativeFiles.Open(NativeFiles.SmallValid());
        manifest["architecture"] = ArchitectureNames.ResNetSmallName;
        manifest["parameter_count"] = NativeFiles.ParameterCount(ArchitectureNames.ResNetSmallName, 4);

        AssertRefused(NativeFiles.Assemble(manifest, weights), "the weights do not fit the architecture: the weights hold");
    }

    [Fact]
    public void Read_WeightsCutShortWithAMatchingHash_RefusedAsTruncated()
    {
        var (manifest, weights) = NativeFiles.Open(NativeFiles.SmallValid());

        AssertRefused(NativeFiles.Assemble(manifest, weights[..^10]), "(truncated)");
    }

    [Fact]
    public void Read_BytesAfterTheLastTensor_Refused()
    {
        var (manifest, weights) = NativeFiles.Open(NativeFiles.SmallValid());

        AssertRefused(NativeFiles.Assemble(manifest, [.. weights, 0, 0, 0]), "3 bytes follow the last tensor");
    }

    [Fact]
    public void Read_TensorCountOverflowing_RefusedWithoutAllocating()
    {
        var (manifest, _) = NativeFiles.Open(NativeFiles.SmallValid());
        byte[] weights = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];

        AssertRefused(NativeFiles.Assemble(manifest, weights), "the weights do not fit the architecture: the tensor count");
    }

    private static void AssertRefused(byte[] file, string expected)
    {
        var error = Assert.Throws<NativeModelException>(() => NativeModelReader.Read(new MemoryStream(file), CPU));
        Assert.StartsWith("not a usable native model file: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    // Rewrites the uncompressed size an entry declares, in its local header and the central directory.
    private static void DeclareSize(byte[] zip, string name, uint size)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var at = 0; at + 46 < zip.Length; at++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at));
            var (sizeAt, nameAt) = signature switch
            {
                0x04034b50 => (22, 30),
                0x02014b50 => (24, 46),
                _ => (-1, -1),
            };
            if (sizeAt > 0 && zip.AsSpan(at + nameAt).StartsWith(nameBytes))
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(at + sizeAt), size);
        }
    }
}
