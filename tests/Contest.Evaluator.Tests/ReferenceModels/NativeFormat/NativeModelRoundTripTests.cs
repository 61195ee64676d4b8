using System.Diagnostics;
using Contest.Core.Training;
using Contest.Evaluator.Runtime;
using Contest.ReferenceModels.Architectures;
using Contest.ReferenceModels.NativeFormat;
using Contest.Tests.Shared;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.ReferenceModels.NativeFormat;

public class NativeModelRoundTripTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(ArchitectureNames.ResNetSmallName, 8)]
    [InlineData(ArchitectureNames.SmallCnnName, 4)]
    public void WriteThenRead_RandomImages_IdenticalLogits(string architecture, int width)
    {
        TorchNativeLoader.EnsureLoaded();
        var watch = Stopwatch.StartNew();
        using var original = NativeFiles.Network(architecture, width);
        using var images = rand(3, 3, 224, 224);
        using var expected = Forward(original, images);
        using var dir = new TempDirectory();
        var path = dir.Combine("model.native.zip");

        var written = NativeModelWriter.Write(path, original, architecture, width, NativeFiles.Training);
        using var read = NativeModelReader.Read(path, CPU);
        using var actual = Forward(read.Module, images);

        Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
        Assert.False(read.Module.training);
        Assert.Equal(written.WeightsSha256, read.Manifest.WeightsSha256);
        Assert.Equal(architecture, read.Manifest.Architecture);
        Assert.Equal(width, read.Manifest.Width);
        Assert.Equal(["bicycle", "bird"], read.Manifest.Classes);
        Assert.Equal([-1L, 3, 224, 224], read.Manifest.Input.Shape);
        Assert.Equal(original.parameters().Sum(p => p.NumberOfElements), read.Manifest.ParameterCount);
        Assert.Equal(NativeFiles.Training, read.Manifest.Training);
        output.WriteLine($"{architecture}: {new FileInfo(path).Length} bytes, round trip in {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Write_SameModelTwice_SameBytes()
    {
        TorchNativeLoader.EnsureLoaded();
        using var module = NativeFiles.Network(ArchitectureNames.SmallCnnName, 4);

        var first = NativeFiles.Write(module, ArchitectureNames.SmallCnnName, 4);
        var second = NativeFiles.Write(module, ArchitectureNames.SmallCnnName, 4);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Write_ResNet18WithAPlanWidth_RecordsItsRealWidth()
    {
        TorchNativeLoader.EnsureLoaded();
        using var module = ArchitectureCatalog.Create(ArchitectureNames.ResNet18Name, 16);
        using var buffer = new MemoryStream();

        var manifest = NativeModelWriter.Write(buffer, module, ArchitectureNames.ResNet18Name, 16, NativeFiles.Training);

        Assert.Equal(64, manifest.Width);
    }

    [Fact]
    public void Write_TrainingRecordOverTheManifestCap_Refused()
    {
        TorchNativeLoader.EnsureLoaded();
        using var module = NativeFiles.Network(ArchitectureNames.SmallCnnName, 4);
        var training = Enumerable.Range(0, 150).ToDictionary(i => $"k{i}", _ => new string('x', 1000));

        var error = Assert.Throws<ArgumentException>(() =>
            NativeModelWriter.Write(new MemoryStream(), module, ArchitectureNames.SmallCnnName, 4, training));

        Assert.Contains("shorten the training record", error.Message);
    }

    [Fact]
    public void ReadManifest_ValidFile_ChecksTheHashWithoutLoading()
    {
        TorchNativeLoader.EnsureLoaded();
        using var dir = new TempDirectory();
        var path = dir.Combine("m.zip");
        File.WriteAllBytes(path, NativeFiles.SmallValid());

        var manifest = NativeModelReader.ReadManifest(path);

        Assert.Equal(ArchitectureNames.SmallCnnName, manifest.Architecture);
        Assert.Equal(NativeModelManifest.FormatName, manifest.Format);
    }

    [Fact]
    public void DefenseLoader_Native_GivesAModuleDefenseWithTheSameLogits()
    {
        TorchNativeLoader.EnsureLoaded();
        using var module = NativeFiles.Network(ArchitectureNames.ResNetSmallName, 8);
        using var images = rand(2, 3, 224, 224);
        using var expected = Forward(module, images);
        using var dir = new TempDirectory();
        var path = dir.Combine("model.native.zip");
        NativeModelWriter.Write(path, module, ArchitectureNames.ResNetSmallName, 8, NativeFiles.Training);

        using var defense = DefenseLoader.Load(path, Contracts.V1.ModelFormat.Native, CPU, "baseline");
        using var logits = defense.Forward(images);

        Assert.IsType<ModuleDefense>(defense);
        Assert.Equal("baseline", defense.Name);
        Assert.Equal(expected.data<float>().ToArray(), logits.data<float>().ToArray());
    }

    [Fact]
    public void DefenseLoader_DamagedNative_ContractErrorNamingTheRule()
    {
        TorchNativeLoader.EnsureLoaded();
        using var dir = new TempDirectory();
        var path = dir.Combine("model.native.zip");
        var file = NativeFiles.SmallValid();
        File.WriteAllBytes(path, file[..^30]);

        var error = Assert.Throws<DefenseContractException>(() => DefenseLoader.Load(path, Contracts.V1.ModelFormat.Native, CPU));

        Assert.StartsWith("the server's native model could not be loaded: not a usable native model file:", error.Message);
    }

    private static Tensor Forward(nn.Module<Tensor, Tensor> module, Tensor images)
    {
        using var noGrad = no_grad();
        return module.forward(images);
    }
}
