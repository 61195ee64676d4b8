using System.Buffers.Binary;
using Contest.Core.Training;
using Contest.Evaluator.Runtime;
using Contest.ReferenceModels.Architectures;
using Contest.ReferenceModels.NativeFormat;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.ReferenceModels.NativeFormat;

public class SafetensorsExportTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(ArchitectureNames.ResNetSmallName, 8)]
    [InlineData(ArchitectureNames.SmallCnnName, 4)]
    public void Write_Network_ParsesWithEveryTensorOfTheStateDict(string architecture, int width)
    {
        TorchNativeLoader.EnsureLoaded();
        using var module = NativeFiles.Network(architecture, width);
        using var buffer = new MemoryStream();

        SafetensorsWriter.Write(buffer, module, architecture, width);
        var bytes = buffer.ToArray();
        var file = SafetensorsFile.Parse(bytes);

        Assert.Equal(0, file.HeaderLength % 8);
        Assert.Equal((ulong)file.HeaderLength, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.Equal((byte)'{', bytes[8]);
        var state = module.state_dict();
        Assert.Equal(state.Keys.Order(StringComparer.Ordinal), file.Tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, tensor) in state)
        {
            var entry = file.Tensors[name];
            Assert.Equal(tensor.shape, entry.Shape);
            if (tensor.dtype == ScalarType.Int64)
                Assert.Equal(tensor.data<long>().ToArray(), file.ReadInt64s(name));
            else
                Assert.Equal(tensor.data<float>().ToArray(), file.ReadFloats(name));
        }
        Assert.Equal(architecture, file.Metadata["architecture"]);
        Assert.Equal(width.ToString(), file.Metadata["width"]);
        Assert.Equal("1", file.Metadata["contest_export_version"]);
        Assert.Equal("pt", file.Metadata["format"]);
    }

    [Fact]
    public void Write_ResNetSmall_BatchNormCounterIsAnInt64Scalar()
    {
        TorchNativeLoader.EnsureLoaded();
        using var module = NativeFiles.Network(ArchitectureNames.ResNetSmallName, 4);
        using var buffer = new MemoryStream();

        SafetensorsWriter.Write(buffer, module, ArchitectureNames.ResNetSmallName, 4);
        var entry = SafetensorsFile.Parse(buffer.ToArray()).Tensors["bn1.num_batches_tracked"];

        Assert.Equal("I64", entry.Dtype);
        Assert.Empty(entry.Shape);
    }

    [Fact]
    public void Write_NativeModel_SameAsItsNetwork()
    {
        TorchNativeLoader.EnsureLoaded();
        using var module = NativeFiles.Network(ArchitectureNames.SmallCnnName, 4);
        using var direct = new MemoryStream();
        SafetensorsWriter.Write(direct, module, ArchitectureNames.SmallCnnName, 4);
        using var read = NativeModelReader.Read(new MemoryStream(NativeFiles.Write(module, ArchitectureNames.SmallCnnName, 4)), CPU);
        using var exported = new MemoryStream();

        SafetensorsWriter.Write(exported, read);

        Assert.Equal(direct.ToArray(), exported.ToArray());
    }

    // The README's PyTorch definition relies on these names: torchvision's, plus the two input buffers.
    [Theory]
    [InlineData(ArchitectureNames.ResNetSmallName, 1)]
    [InlineData(ArchitectureNames.ResNet18Name, 2)]
    public void StateDict_ResNets_TorchvisionNames(string architecture, int blocksPerStage)
    {
        TorchNativeLoader.EnsureLoaded();
        using var module = ArchitectureCatalog.Create(architecture, 16);
        var keys = module.state_dict().Keys.ToList();
        output.WriteLine(string.Join("\n", keys));

        Assert.Equal(TorchvisionNames(blocksPerStage).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_OffsetsWithAGap_Refused()
    {
        var header = """{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"""u8.ToArray();
        var file = new byte[8 + header.Length + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Parse(file));

        Assert.Contains("gap or an overlap", error.Message);
    }

    private static IEnumerable<string> TorchvisionNames(int blocksPerStage)
    {
        static IEnumerable<string> Norm(string prefix) =>
            new[] { "weight", "bias", "running_mean", "running_var", "num_batches_tracked" }.Select(s => $"{prefix}.{s}");

        yield return "conv1.weight";
        foreach (var name in Norm("bn1"))
            yield return name;
        for (var stage = 1; stage <= 4; stage++)
        {
            for (var block = 0; block < blocksPerStage; block++)
            {
                var prefix = $"layer{stage}.{block}";
                yield return $"{prefix}.conv1.weight";
                foreach (var name in Norm($"{prefix}.bn1"))
                    yield return name;
                yield return $"{prefix}.conv2.weight";
                foreach (var name in Norm($"{prefix}.bn2"))
                    yield return name;
                if (stage > 1 && block == 0)
                {
                    yield return $"{prefix}.downsample.0.weight";
                    foreach (var name in Norm($"{prefix}.downsample.1"))
                        yield return name;
                }
            }
        }
        yield return "fc.weight";
        yield return "fc.bias";
        yield return "input_mean";
        yield return "input_std";
    }
}
