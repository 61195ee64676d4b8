using System.Globalization;
using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.Teams;
using Google.Protobuf;

namespace Contest.Server.Analyses;

/// <summary>
/// Queues an analysis: the request checked as the worker will read it (<see cref="AnalysisRequests"/>),
/// its job, owned by the organizers' team, and its record, keyed by the job's id, in one audited write.
/// </summary>
internal sealed class AnalysisRunner(
    ContestDatabase db, AnalysisStore analyses, IJobQueue queue, Identities identities, AuditLog audit, TimeProvider clock)
{
    /// <summary>Checks the request and queues the analysis; throws InvalidArgument (or Unimplemented) with what to change.</summary>
    public JobRecord Run(RunAnalysisRequest request, Caller caller)
    {
        var settings = AnalysisRequests.Check(request);
        return db.Write(() =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var organizers = identities.SystemTeam(OrganizerKeyFile.TeamName, Role.Organizer, now);
            var job = queue.Enqueue(new JobRecord { Kind = JobKind.Analysis, TeamId = organizers.Id });
            var parameters = settings.Describe().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            analyses.Insert(new AnalysisRecord
            {
                Id = job.Id,
                Kind = request.Kind,
                Request = request.ToByteArray(),
                Seed = request.Seed,
                Parameters = parameters,
                Status = job.Status,
                CreatedAt = now,
            });
            audit.Append(caller, "analysis.run", $"job/{job.Id}", "", new()
            {
                ["kind"] = Words.Of(request.Kind),
                ["seed"] = request.Seed.ToString(CultureInfo.InvariantCulture),
                ["profile"] = parameters.GetValueOrDefault("profile", ""),
                ["epsilons"] = parameters.GetValueOrDefault("epsilons", ""),
            });
            return job;
        });
    }
}
