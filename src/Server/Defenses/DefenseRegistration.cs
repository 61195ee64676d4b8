using Contest.Contracts.V1;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;

namespace Contest.Server.Defenses;

/// <summary>
/// Registers a new defense the one way every defense starts: stored with its validation job's id,
/// and that job handed back to be queued in the same write (an upload queues it at once; a finished
/// training job returns it as its follow-up).
/// </summary>
internal sealed class DefenseRegistration(DefenseStore defenses)
{
    /// <summary>Stores <paramref name="defense"/> and returns its validation job, not yet queued. Call inside a write.</summary>
    public JobRecord Register(DefenseRecord defense)
    {
        var validation = new JobRecord { Id = Ids.New("job"), Kind = JobKind.Validate, DefenseId = defense.Id, TeamId = defense.TeamId };
        defense.Validation.JobId = validation.Id;
        defenses.Insert(defense);
        return validation;
    }

    /// <summary><paramref name="name"/>, or with "-2", "-3", ... appended while a live defense already has the name.</summary>
    public string FreeName(string name)
    {
        var candidate = name;
        for (var n = 2; defenses.LiveNamed(candidate) is not null; n++)
            candidate = $"{name}-{n}";
        return candidate;
    }
}
