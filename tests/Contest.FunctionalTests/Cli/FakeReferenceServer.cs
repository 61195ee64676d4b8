using System.Security.Cryptography;
using Contest.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.FunctionalTests.Cli;

/// <summary>
/// A gRPC server that answers only ReferenceService with one ready model and fixed files, so the
/// client's reference commands run end to end before the real service exists. Records what train sent.
/// </summary>
internal sealed class FakeReferenceServer : IAsyncDisposable
{
    private readonly FakeGrpcHost _host;

    private FakeReferenceServer(FakeGrpcHost host, FakeReferenceService service)
    {
        _host = host;
        Service = service;
    }

    public string Address => _host.Address;

    public FakeReferenceService Service { get; }

    public static async Task<FakeReferenceServer> StartAsync(ReferenceModel model, IReadOnlyDictionary<string, byte[]> files)
    {
        var service = new FakeReferenceService(model, files);
        var host = await FakeGrpcHost.StartAsync(services => services.AddSingleton(service), app => app.MapGrpcService<FakeReferenceService>());
        return new FakeReferenceServer(host, service);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

/// <summary>The fake's ReferenceService: files stream in 1000-byte chunks from the offset asked for.</summary>
public sealed class FakeReferenceService(ReferenceModel model, IReadOnlyDictionary<string, byte[]> files) : ReferenceService.ReferenceServiceBase
{
    public TrainReferenceModelRequest? LastTrainRequest { get; private set; }

    public override Task<ListReferenceModelsResponse> ListReferenceModels(ListReferenceModelsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListReferenceModelsResponse { Models = { model } });

    public override Task<ReferenceModel> GetReferenceModel(GetReferenceModelRequest request, ServerCallContext context) =>
        request.Id == model.Id ? Task.FromResult(model) : throw new RpcException(new Status(StatusCode.NotFound, $"no reference model {request.Id}."));

    public override Task<Job> TrainReferenceModel(TrainReferenceModelRequest request, ServerCallContext context)
    {
        LastTrainRequest = request;
        return Task.FromResult(new Job { Id = "job_train0002", Kind = JobKind.TrainReference, Status = JobStatus.Queued });
    }

    public override async Task DownloadReferenceModel(DownloadReferenceModelRequest request, IServerStreamWriter<FileChunk> responseStream, ServerCallContext context)
    {
        if (!files.TryGetValue(request.File, out var bytes))
            throw new RpcException(new Status(StatusCode.NotFound, $"no file {request.File}."));
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        for (var offset = (int)request.Offset; offset < bytes.Length; offset += 1000)
        {
            var length = Math.Min(1000, bytes.Length - offset);
            await responseStream.WriteAsync(new FileChunk
            {
                Data = ByteString.CopyFrom(bytes, offset, length),
                Offset = offset,
                TotalSize = bytes.Length,
                Sha256 = sha256,
                Last = offset + length == bytes.Length,
            });
        }
    }
}
