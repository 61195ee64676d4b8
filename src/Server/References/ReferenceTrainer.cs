using System.Text.RegularExpressions;
using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core.Training;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.Teams;
using Google.Protobuf;

namespace Contest.Server.References;

/// <summary>
/// Queues the training of a reference model: the request checked as the worker will read it
/// (<see cref="TrainingRequests.ToPlan"/>), a reference record with every parameter of the plan, and
/// its training job, owned by the organizers' team.
/// </summary>
internal sealed partial class ReferenceTrainer(ReferenceStore references, IJobQueue queue, Identities identities, TimeProvider clock)
{
    /// <summary>The longest reference name (it becomes the baseline defense's name, which has the same cap).</summary>
    public const int MaxNameLength = 100;

    /// <summary>Checks the request and queues its training; call inside a write. Throws InvalidArgument with what to change.</summary>
    public (ReferenceRecord Reference, JobRecord Job) Queue(TrainReferenceModelRequest request, bool builtIn)
    {
        var plan = PlanOf(request);
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = request.Clone();
        queued.Name = NameFor(request.Name, plan, builtIn);
        queued.Profile = plan.Profile == Core.Training.TrainingProfile.Full ? Contracts.V1.TrainingProfile.Full : Contracts.V1.TrainingProfile.Quick;
        var reference = new ReferenceRecord
        {
            Id = Ids.New("ref"),
            Kind = queued.Kind,
            Name = queued.Name,
            Profile = queued.Profile,
            Seed = plan.Seed,
            Request = queued.ToByteArray(),
            Parameters = plan.Describe().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            Status = ReferenceStatus.Queued,
            BuiltIn = builtIn,
            CreatedAt = now,
        };
        var organizers = identities.SystemTeam(OrganizerKeyFile.TeamName, Role.Organizer, now);
        var job = queue.Enqueue(new JobRecord
        {
            Kind = JobKind.TrainReference,
            ReferenceId = reference.Id,
            ExtrasPerClass = plan.ExtrasPerClass,
            TeamId = organizers.Id,
        });
        reference.JobId = job.Id;
        references.Insert(reference);
        return (reference, job);
    }

    /// <summary>The plan the worker will run, or InvalidArgument with the plan's own explanation.</summary>
    public static TrainingPlan PlanOf(TrainReferenceModelRequest request)
    {
        try
        {
            return TrainingRequests.ToPlan(request);
        }
        catch (ArgumentException e)
        {
            throw RpcErrors.InvalidArgument($"cannot train this reference model: {e.Message}");
        }
    }

    /// <summary>"baseline-&lt;recipe&gt;" for built-ins, "&lt;recipe&gt;-seed&lt;N&gt;" otherwise, or the name given once checked.</summary>
    private static string NameFor(string requested, TrainingPlan plan, bool builtIn)
    {
        var recipe = RecipeNames.Of(plan.Recipe);
        if (string.IsNullOrWhiteSpace(requested))
            return builtIn ? $"baseline-{recipe}" : $"{recipe}-seed{plan.Seed}";
        var name = requested.Trim();
        if (name.Length > MaxNameLength)
            throw RpcErrors.InvalidArgument($"a reference name has at most {MaxNameLength} characters; this one has {name.Length}.");
        if (!NamePattern().IsMatch(name))
            throw RpcErrors.InvalidArgument(
                $"a reference name may use letters, digits, '.', '_' and '-' only, starting with a letter or digit (it names the model file); got '{ModelTextOf(name)}'.");
        return name;
    }

    private static string ModelTextOf(string name) => Core.Text.ModelText.Clean(name, MaxNameLength);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();
}
