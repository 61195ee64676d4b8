using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Contest.Tests.Shared;
using Grpc.Core;

namespace Contest.Contracts.Tests.Transport;

public sealed class ChunkedUploadTests : IDisposable
{
    private readonly TempDirectory _directory = new("contest-upload");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task SendAsync_FileOfTwoAndAHalfChunks_SendsMetadataThenChunksThatRebuildTheFile()
    {
        var content = RandomBytes(TransferLimits.ChunkBytes * 5 / 2);
        var path = await WriteFileAsync(content);
        var writer = new RecordingWriter<UploadDefenseRequest>();
        var answer = new Defense { Id = "def-1" };
        var metadata = new DefenseUploadMetadata { Name = "robust", SizeBytes = content.Length };
        var sent = new List<long>();

        var defense = await ChunkedUpload.SendAsync(Call(writer, Task.FromResult(answer)), new UploadDefenseRequest { Metadata = metadata },
            path, chunk => new UploadDefenseRequest { Chunk = chunk }, new ListProgress(sent), CancellationToken.None);

        Assert.Same(answer, defense);
        Assert.Equal(UploadDefenseRequest.PayloadOneofCase.Metadata, writer.Messages[0].PayloadCase);
        Assert.Equal(metadata, writer.Messages[0].Metadata);
        var chunks = writer.Messages.Skip(1).ToList();
        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, m => Assert.Equal(UploadDefenseRequest.PayloadOneofCase.Chunk, m.PayloadCase));
        Assert.All(chunks, m => Assert.InRange(m.Chunk.Length, 1, TransferLimits.ChunkBytes));
        Assert.Equal(content, chunks.SelectMany(m => m.Chunk.ToByteArray()).ToArray());
        Assert.True(writer.Completed);
        Assert.Equal(content.Length, sent[^1]);
    }

    [Fact]
    public async Task SendAsync_EmptyFile_SendsOnlyTheMetadata()
    {
        var path = await WriteFileAsync([]);
        var writer = new RecordingWriter<UploadDefenseRequest>();

        await ChunkedUpload.SendAsync(Call(writer, Task.FromResult(new Defense())), new UploadDefenseRequest { Metadata = new() },
            path, chunk => new UploadDefenseRequest { Chunk = chunk }, null, CancellationToken.None);

        Assert.Single(writer.Messages);
        Assert.True(writer.Completed);
    }

    [Fact]
    public async Task SendAsync_ServerRefusedEarly_ThrowsTheServersStatus()
    {
        var path = await WriteFileAsync(RandomBytes(3 * TransferLimits.ChunkBytes));
        // grpc-dotnet fails the next write once the server has answered; the answer carries the reason.
        var writer = new RecordingWriter<UploadDefenseRequest>
        {
            WritesBeforeFailure = 1,
            Failure = new RpcException(new Status(StatusCode.Cancelled, "the call has completed")),
        };
        var refusal = Task.FromException<Defense>(new RpcException(new Status(StatusCode.InvalidArgument, "not a TorchScript or ONNX model")));

        var error = await Assert.ThrowsAsync<RpcException>(() => ChunkedUpload.SendAsync(Call(writer, refusal),
            new UploadDefenseRequest { Metadata = new() }, path, chunk => new UploadDefenseRequest { Chunk = chunk }, null, CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("not a TorchScript or ONNX model", error.Status.Detail);
        Assert.False(writer.Completed);
    }

    [Fact]
    public async Task SendAsync_WriteFailsAfterTheServerAnswered_ReturnsTheAnswer()
    {
        var path = await WriteFileAsync(RandomBytes(2 * TransferLimits.ChunkBytes));
        var writer = new RecordingWriter<UploadDefenseRequest>
        {
            WritesBeforeFailure = 2,
            Failure = new InvalidOperationException("Can't write the message because the call is complete."),
        };
        var answer = new Defense { Id = "def-2" };

        var defense = await ChunkedUpload.SendAsync(Call(writer, Task.FromResult(answer)), new UploadDefenseRequest { Metadata = new() },
            path, chunk => new UploadDefenseRequest { Chunk = chunk }, null, CancellationToken.None);

        Assert.Same(answer, defense);
        Assert.Equal(2, writer.Messages.Count);
    }

    private static AsyncClientStreamingCall<UploadDefenseRequest, Defense> Call(RecordingWriter<UploadDefenseRequest> writer, Task<Defense> response) =>
        new(writer, response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });

    private async Task<string> WriteFileAsync(byte[] content)
    {
        var path = _directory.Combine("defense.pt");
        await File.WriteAllBytesAsync(path, content);
        return path;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(23).NextBytes(bytes);
        return bytes;
    }
}
