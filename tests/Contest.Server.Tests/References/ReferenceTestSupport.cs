using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.References;
using Contest.Server.Tests.Support;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Contest.Server.Tests.References;

/// <summary>Queues and runs training jobs the way a worker would, without one.</summary>
internal static class ReferenceTestSupport
{
    /// <summary>Queues a training as the service or the seeder would.</summary>
    public static (ReferenceRecord Reference, JobRecord Job) Queue(TestContest contest, ReferenceKind kind, bool builtIn = true, string name = "") =>
        contest.Db.Write(() => contest.Get<ReferenceTrainer>().Queue(
            new TrainReferenceModelRequest { Kind = kind, Profile = TrainingProfile.Quick, Name = name }, builtIn));

    /// <summary>Leases the next job of the kind, as a worker would.</summary>
    public static JobRecord Lease(TestContest contest, JobKind kind) =>
        contest.Get<JobQueue>().TryLease("test-worker", [kind]) ?? throw new InvalidOperationException($"no {kind} job is queued");

    /// <summary>Attaches artifacts to a running job, as the worker's artifact uploads do.</summary>
    public static void Attach(TestContest contest, JobRecord job, params (string Name, byte[] Content)[] files) => contest.Db.Write(() =>
    {
        var stored = contest.Get<JobStore>().Find(job.Id)!;
        foreach (var (name, content) in files)
            stored.Artifacts.Add(new ArtifactState { Name = name, Sha256 = contest.Get<BlobStore>().Put(content), SizeBytes = content.Length });
        contest.Get<JobStore>().Update(stored);
    });

    /// <summary>A worker's result: a native model file, its safetensors and curve, two epochs and the final metrics.</summary>
    public static CompleteJobRequest Finished(JobRecord lease, string modelArtifact = "model.ctn") => new()
    {
        LeaseId = lease.LeaseId,
        Reference = new ReferenceOutcome
        {
            ModelArtifact = modelArtifact,
            Format = ModelFormat.Native,
            SafetensorsArtifact = "model.safetensors",
            CurveArtifact = "curve.png",
            Model = new ReferenceModel
            {
                Metrics = { ["train_loss"] = 0.12, ["train_accuracy"] = 0.97 },
                Parameters = { ["device"] = "cpu", ["recipe"] = "not the worker's to change" },
                Curve =
                {
                    new TrainingEpoch { Epoch = 1, Loss = 0.6, Accuracy = 0.7 },
                    new TrainingEpoch { Epoch = 2, Loss = 0.12, Accuracy = 0.97 },
                },
            },
        },
    };

    /// <summary>Trains a reference to the end: queued, leased, its files attached, completed.</summary>
    public static ReferenceRecord Trained(TestContest contest, ReferenceKind kind = ReferenceKind.Undefended)
    {
        var (reference, _) = Queue(contest, kind);
        var lease = Lease(contest, JobKind.TrainReference);
        Attach(contest, lease, ("model.ctn", [1, 2, 3]), ("model.safetensors", [4, 5]), ("curve.png", [6]));
        var (accepted, message) = contest.Get<JobQueue>().Complete(Finished(lease));
        Assert.True(accepted, message);
        return contest.Get<ReferenceStore>().Find(reference.Id)!;
    }

    /// <summary>A call context carrying an authenticated caller, as the key check leaves it.</summary>
    public static ServerCallContext CallOf(Caller caller)
    {
        var context = new FakeCallContext();
        context.UserState["__HttpContext"] = new DefaultHttpContext();
        context.SetCaller(caller);
        return context;
    }

    private sealed class FakeCallContext : ServerCallContext
    {
        protected override string MethodCore => "/contest.v1.ReferenceService/Test";
        protected override string HostCore => "localhost";
        protected override string PeerCore => "ipv4:127.0.0.1:1";
        protected override DateTime DeadlineCore => DateTime.MaxValue;
        protected override Metadata RequestHeadersCore { get; } = [];
        protected override CancellationToken CancellationTokenCore => CancellationToken.None;
        protected override Metadata ResponseTrailersCore { get; } = [];
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore => new(null, []);
        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();
        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
