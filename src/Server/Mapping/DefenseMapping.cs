using Contest.Contracts.V1;
using Contest.Server.Storage.Records;

namespace Contest.Server.Mapping;

internal static class DefenseMapping
{
    /// <summary>Whole days unbroken after which a staked defense is a winner candidate.</summary>
    public const int WinningDays = 90;

    public static Defense ToProto(this DefenseRecord d, TeamRecord? team, DateTime now)
    {
        var proto = new Defense
        {
            Id = d.Id,
            Name = d.Name,
            Description = d.Description,
            Team = team.ToRef(d.TeamId),
            Open = d.Open,
            Format = d.Format,
            Sha256 = d.Sha256,
            SizeBytes = d.SizeBytes,
            CreatedAt = ProtoTime.From(d.CreatedAt),
            Validation = d.Validation.ToProto(),
            Eligibility = d.Eligibility.ToProto(),
            Stake = d.Stake.ToProto(now),
            Baseline = d.Baseline,
            Withdrawn = d.WithdrawnAt is not null,
            WithdrawnAt = ProtoTime.From(d.WithdrawnAt),
            Differentiable = d.Validation.Differentiable,
        };
        if (d.DeclaredThreshold is { } threshold)
            proto.DeclaredThreshold = threshold;
        return proto;
    }

    private static ValidationResult ToProto(this ValidationState v)
    {
        var proto = new ValidationResult
        {
            Status = v.Status,
            Reason = v.Reason,
            ImagesPerSecond = v.ImagesPerSecond,
            Device = v.Device,
            JobId = v.JobId,
            FinishedAt = ProtoTime.From(v.FinishedAt),
            BestBatchSize = v.BestBatchSize,
        };
        proto.Checks.AddRange(v.Checks.Select(c => new ValidationCheck { Name = c.Name, Passed = c.Passed, Detail = c.Detail }));
        return proto;
    }

    private static EligibilityResult ToProto(this EligibilityState e) => new()
    {
        Status = e.Status,
        Reason = e.Reason,
        Threshold = e.Threshold,
        AccuracyAt80 = e.AccuracyAt80,
        AccuracyAt100 = e.AccuracyAt100,
        ImagesPerSecond = e.ImagesPerSecond,
        Images = e.Images,
        PriorAttacksChecked = e.PriorAttacksChecked,
        PriorAttacksFailed = e.PriorAttacksFailed,
        JobId = e.JobId,
        FinishedAt = ProtoTime.From(e.FinishedAt),
    };

    public static StakeInfo ToProto(this StakeState s, DateTime now)
    {
        if (!s.Staked || s.StakedAt is not { } stakedAt)
            return new StakeInfo { Status = StakeStatus.NotStaked };
        var end = s.BrokenAt ?? now;
        var days = (int)Math.Max(0, Math.Floor((end - stakedAt).TotalDays));
        return new StakeInfo
        {
            Status = s.BrokenAt is null ? StakeStatus.Unbroken : StakeStatus.Broken,
            StakedAt = ProtoTime.From(stakedAt),
            Forced = s.Forced,
            Reason = s.Reason,
            BrokenAt = ProtoTime.From(s.BrokenAt),
            BrokenByAttackId = s.BrokenByAttackId,
            BrokenInRoundId = s.BrokenInRoundId,
            DaysUnbroken = days,
            WinnerCandidate = s.BrokenAt is null && days >= WinningDays,
        };
    }
}
