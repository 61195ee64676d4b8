using System.IO.Compression;
using Contest.Core.Models;
using Contest.Tests.Shared;

namespace Contest.Core.Tests.Models;

public class ModelFormatSnifferTests
{
    [Theory]
    [InlineData("tiny_cnn_scripted.pt")]
    [InlineData("tiny_cnn_traced.pt")]
    [InlineData("normalized_wrapper_scripted.pt")]
    [InlineData("squeezenet1_1_scripted.pt")]
    public void SniffFile_TorchScriptFixture_IsTorchScript(string name)
    {
        var result = ModelFormatSniffer.SniffFile(TestPaths.GoodDefense(name));

        Assert.True(result.Accepted, result.Refusal);
        Assert.Equal(ModelFileFormat.TorchScript, result.Format);
    }

    [Fact]
    public void SniffFile_OnnxFixture_IsOnnx()
    {
        var result = ModelFormatSniffer.SniffFile(TestPaths.GoodDefense("tiny_cnn.onnx"));

        Assert.Equal(ModelFileFormat.Onnx, result.Format);
    }

    [Fact]
    public void SniffFile_StateDictCheckpoint_RefusedWithExportHint()
    {
        var result = ModelFormatSniffer.SniffFile(TestPaths.BadDefense("state_dict_checkpoint.pt"));

        Assert.False(result.Accepted);
        Assert.Contains("weights-only checkpoint", result.Refusal);
        Assert.Contains("torch.jit.script(model).save", result.Refusal);
        Assert.Contains("torch.onnx.export", result.Refusal);
    }

    [Theory]
    [InlineData("crash_on_load.pt")]
    [InlineData("wrong_shape.pt")]
    [InlineData("fixed_batch_traced.pt")]
    public void SniffFile_BrokenButWellFormedTorchScript_IsAcceptedForTheWorkerToJudge(string name)
    {
        // Sniffing is structural only; whether the model runs is the isolated worker's verdict.
        Assert.Equal(ModelFileFormat.TorchScript, ModelFormatSniffer.SniffFile(TestPaths.BadDefense(name)).Format);
    }

    [Fact]
    public void Sniff_EmptyFile_Refused()
    {
        var result = ModelFormatSniffer.Sniff(new MemoryStream());

        Assert.Equal("the file is empty.", result.Refusal);
    }

    [Fact]
    public void Sniff_LegacyPickle_RefusedAsCheckpoint()
    {
        var result = ModelFormatSniffer.Sniff(new MemoryStream([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46]));

        Assert.Contains("legacy `torch.save` pickle", result.Refusal);
    }

    [Fact]
    public void Sniff_TruncatedTorchScript_RefusedAsCorrupt()
    {
        var bytes = File.ReadAllBytes(TestPaths.GoodDefense("tiny_cnn_scripted.pt"));

        var result = ModelFormatSniffer.Sniff(new MemoryStream(bytes[..(bytes.Length / 2)]));

        Assert.Contains("truncated or corrupt", result.Refusal);
    }

    [Fact]
    public void Sniff_TruncatedOnnx_Refused()
    {
        var bytes = File.ReadAllBytes(TestPaths.GoodDefense("tiny_cnn.onnx"));

        var result = ModelFormatSniffer.Sniff(new MemoryStream(bytes[..(bytes.Length - 100)]));

        Assert.False(result.Accepted);
        Assert.Contains("unrecognised file", result.Refusal);
    }

    [Fact]
    public void Sniff_ZipWithoutCode_RefusedAsNotTorchScript()
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("archive/readme.txt").Open());
            writer.Write("hello");
        }

        var result = ModelFormatSniffer.Sniff(stream);

        Assert.Contains("not a TorchScript model", result.Refusal);
    }

    [Fact]
    public void Sniff_Safetensors_RefusedAsWeightsOnly()
    {
        var header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}"u8.ToArray();
        var bytes = BitConverter.GetBytes((ulong)header.Length).Concat(header).Concat(new byte[4]).ToArray();

        var result = ModelFormatSniffer.Sniff(new MemoryStream(bytes));

        Assert.Contains("safetensors", result.Refusal);
    }

    [Fact]
    public void Sniff_RandomText_RefusedAsUnrecognised()
    {
        var result = ModelFormatSniffer.Sniff(new MemoryStream("def forward(x): return x\n"u8.ToArray()));

        Assert.Contains("unrecognised file", result.Refusal);
    }

    [Fact]
    public void Sniff_RestoresStreamPosition()
    {
        var stream = new MemoryStream(File.ReadAllBytes(TestPaths.GoodDefense("tiny_cnn.onnx"))) { Position = 17 };

        ModelFormatSniffer.Sniff(stream);

        Assert.Equal(17, stream.Position);
    }
}
