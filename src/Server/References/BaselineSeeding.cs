using Contest.Contracts.V1;
using Contest.Server.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace Contest.Server.References;

/// <summary>
/// The built-in baselines: the quick undefended and PGD adversarially trained models (seed 0), queued
/// once per data directory (a marker record, written in the same write, so neither a restart nor a
/// second start queues them again), unless the server runs with --no-baselines.
/// </summary>
internal sealed class BaselineSeeding(
    ContestDatabase db, ReferenceStore references, ReferenceTrainer trainer, IOptions<ReferenceOptions> options, TimeProvider clock)
{
    /// <summary>The recipes queued on the first start.</summary>
    public static IReadOnlyList<ReferenceKind> BuiltInKinds { get; } = [ReferenceKind.Undefended, ReferenceKind.AdversarialPgd];

    /// <summary>Queues the built-in baselines if due; returns those queued now (none when switched off or done before).</summary>
    public IReadOnlyList<ReferenceRecord> QueueOnce()
    {
        if (options.Value.NoBaselines)
            return [];
        return db.Write<IReadOnlyList<ReferenceRecord>>(() =>
        {
            if (references.BaselinesQueued() is not null)
                return [];
            var queued = BuiltInKinds
                .Select(kind => trainer.Queue(new TrainReferenceModelRequest { Kind = kind, Profile = TrainingProfile.Quick, Seed = 0 }, builtIn: true).Reference)
                .ToList();
            references.MarkBaselinesQueued(clock.GetUtcNow().UtcDateTime, queued.Select(r => r.Id));
            return queued;
        });
    }
}
