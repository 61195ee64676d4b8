using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Auth;
using Contest.Server.Defenses;
using Contest.Server.Hosting;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Server.Tests.Support;

/// <summary>
/// The server's services as production wires them, without the web host: a real LiteDB in a fresh
/// temporary folder, a fake clock (no test waits on real time), and builders for the records a
/// rule needs. The job gate is open (no dataset has to be generated first).
/// </summary>
internal sealed class TestContest : IDisposable
{
    /// <summary>Wednesday 25 November 2026, noon UTC: two and a half days before the first weekly close.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new("contest-rules");
    private readonly ServiceProvider _services;

    /// <param name="settings">Server options by name (as in the "Contest" section), e.g. ("DailyAttackQuota", "3").</param>
    public TestContest(params (string Name, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { [$"{StorageOptions.SectionName}:DataDirectory"] = _directory.Path };
        foreach (var (name, value) in settings)
            values[$"{StorageOptions.SectionName}:{name}"] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddContestServices(configuration);
        services.AddSingleton<IJobGate>(new OpenGate());
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public ContestDatabase Db => Get<ContestDatabase>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A team with the roles, and the caller its fresh key makes.</summary>
    public Caller Team(string name, params Role[] roles) => Db.Write(() =>
    {
        var identities = Get<Identities>();
        var team = new TeamRecord { Id = Ids.New("team"), Name = name, NameKey = name.ToLowerInvariant(), Roles = [.. roles], CreatedAt = Now };
        identities.Insert(team);
        var (_, key) = identities.IssueKey(team.Id, "test", Now);
        return new Caller(team.Id, team.Name, team.Roles.ToHashSet(), key.Id);
    });

    /// <summary>A second key (another reviewer) of the same team.</summary>
    public Caller SecondKeyOf(Caller caller) => Db.Write(() =>
    {
        var (_, key) = Get<Identities>().IssueKey(caller.TeamId, "second", Now);
        return caller with { KeyId = key.Id };
    });

    /// <summary>A validated, eligible defense with a calibrated threshold; staked now if asked.</summary>
    public DefenseRecord Defense(Caller team, float threshold = 1f, bool staked = false, float? declared = null) => Db.Write(() =>
    {
        var defense = new DefenseRecord
        {
            Id = Ids.New("def"),
            Name = $"defense {Guid.NewGuid():N}"[..16],
            TeamId = team.TeamId,
            Format = ModelFormat.Torchscript,
            Sha256 = new string('a', 64),
            CreatedAt = Now,
            DeclaredThreshold = declared,
            Validation = new ValidationState { Status = ValidationStatus.Passed },
            Eligibility = new EligibilityState { Status = EligibilityStatus.Eligible, Threshold = threshold },
            Stake = staked ? new StakeState { Staked = true, StakedAt = Now } : new StakeState(),
        };
        Get<DefenseStore>().Insert(defense);
        return defense;
    });

    /// <summary>
    /// A settled submission in the current round: a candidate (in review) when any of
    /// <paramref name="fooled"/> made a confident mistake on it, else not a candidate.
    /// </summary>
    public AttackRecord Attack(Caller team, Label claimed, params DefenseRecord[] fooled) => Db.Write(() =>
    {
        var attack = new AttackRecord
        {
            Id = Ids.New("atk"),
            TeamId = team.TeamId,
            ImageSha256 = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, '0'),
            ClaimedLabel = claimed,
            SubmittedAt = Now,
            RoundId = Get<IAttackRounds>().CurrentRoundId(),
            TargetDefenseIds = [.. fooled.Select(d => d.Id)],
            Verdicts = [.. fooled.Select(d => Fooled(d, claimed))],
            Status = fooled.Length > 0 ? AttackStatus.InReview : AttackStatus.NotCandidate,
        };
        Get<AttackStore>().Insert(attack);
        return attack;
    });

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    // The defense answered the other class, far above its threshold.
    private static VerdictState Fooled(DefenseRecord defense, Label claimed)
    {
        float[] logits = claimed == Label.Bird ? [50f, 0f] : [0f, 50f];
        return VerdictRule.Judge(defense.Id, "job_test", logits, defense.ThresholdInForce(), claimed);
    }

    private sealed class OpenGate : IJobGate
    {
        public bool IsOpen => true;
    }
}
