using System.Reflection;
using Contest.Contracts.V1;

namespace Contest.Contracts.Tests;

public sealed class WordsTests
{
    // Every word the client's own tables (src/Client/Output/Names.cs before the shared kit) printed,
    // unset values included: tables and --json output must not change.
    public static TheoryData<Enum, string> OldClientWords => new()
    {
        { Role.Unspecified, "unspecified" },
        { Role.Organizer, "organizer" },
        { Role.Defender, "defender" },
        { Role.Attacker, "attacker" },
        { Role.Reviewer, "reviewer" },
        { Role.Worker, "worker" },
        { Label.Unspecified, "unspecified" },
        { Label.Bicycle, "bicycle" },
        { Label.Bird, "bird" },
        { ModelFormat.Unspecified, "unspecified" },
        { ModelFormat.Torchscript, "torchscript" },
        { ModelFormat.Onnx, "onnx" },
        { ModelFormat.Native, "native" },
        { ValidationStatus.Unspecified, "pending" },
        { ValidationStatus.Pending, "pending" },
        { ValidationStatus.Running, "running" },
        { ValidationStatus.Passed, "passed" },
        { ValidationStatus.Failed, "failed" },
        { EligibilityStatus.Unspecified, "not_run" },
        { EligibilityStatus.NotRun, "not_run" },
        { EligibilityStatus.Pending, "pending" },
        { EligibilityStatus.Eligible, "eligible" },
        { EligibilityStatus.Ineligible, "ineligible" },
        { StakeStatus.Unspecified, "not_staked" },
        { StakeStatus.NotStaked, "not_staked" },
        { StakeStatus.Unbroken, "unbroken" },
        { StakeStatus.Broken, "broken" },
        { JobKind.Unspecified, "unspecified" },
        { JobKind.Validate, "validate" },
        { JobKind.Eligibility, "eligibility" },
        { JobKind.Evaluate, "evaluate" },
        { JobKind.Verdict, "verdict" },
        { JobKind.TrainReference, "train_reference" },
        { JobKind.Analysis, "analysis" },
        { JobStatus.Unspecified, "unspecified" },
        { JobStatus.Queued, "queued" },
        { JobStatus.Running, "running" },
        { JobStatus.Succeeded, "succeeded" },
        { JobStatus.Failed, "failed" },
        { JobStatus.Cancelled, "cancelled" },
        { Profile.Unspecified, "standard" },
        { Profile.Standard, "standard" },
        { Profile.Quick, "quick" },
        { AttackStatus.Unspecified, "pending" },
        { AttackStatus.NotCandidate, "not_candidate" },
        { AttackStatus.InReview, "in_review" },
        { AttackStatus.Valid, "valid" },
        { AttackStatus.Invalid, "invalid" },
        { Certainty.Unspecified, "unanswered" },
        { Certainty.DefinitelyYes, "definitely_yes" },
        { Certainty.MaybeYes, "maybe_yes" },
        { Certainty.MaybeNo, "maybe_no" },
        { Certainty.DefinitelyNo, "definitely_no" },
        { RoundStatus.Unspecified, "unspecified" },
        { RoundStatus.Open, "open" },
        { RoundStatus.Reviewing, "reviewing" },
        { RoundStatus.Published, "published" },
        { AppealStatus.Unspecified, "unspecified" },
        { AppealStatus.Open, "open" },
        { AppealStatus.Upheld, "upheld" },
        { AppealStatus.Rejected, "rejected" },
        { NotificationKind.Unspecified, "unspecified" },
        { NotificationKind.Verdict, "verdict" },
        { NotificationKind.Review, "review" },
        { NotificationKind.RoundClosed, "round_closed" },
        { NotificationKind.RoundPublished, "round_published" },
        { NotificationKind.Break, "break" },
        { NotificationKind.Job, "job" },
        { NotificationKind.Appeal, "appeal" },
        { NotificationKind.Defense, "defense" },
        { MatrixOutcome.Unspecified, "pending" },
        { MatrixOutcome.Correct, "correct" },
        { MatrixOutcome.Abstained, "abstained" },
        { MatrixOutcome.Wrong, "wrong" },
        { MatrixOutcome.Pending, "pending" },
        { MatrixOutcome.DefenseFailed, "defense_failed" },
    };

    private static readonly Type[] ClientEnums =
    [
        typeof(Role), typeof(Label), typeof(ModelFormat), typeof(ValidationStatus), typeof(EligibilityStatus),
        typeof(StakeStatus), typeof(JobKind), typeof(JobStatus), typeof(Profile), typeof(AttackStatus),
        typeof(Certainty), typeof(RoundStatus), typeof(AppealStatus), typeof(NotificationKind), typeof(MatrixOutcome),
    ];

    [Theory]
    [MemberData(nameof(OldClientWords))]
    public void Of_EveryValue_IsTheWordTheClientPrinted(Enum value, string expected) =>
        Assert.Equal(expected, WordOf(value));

    // A value added to the proto must get its word checked here before it reaches a table.
    [Fact]
    public void OldClientWords_EveryClientEnum_ListsEveryValue()
    {
        var listed = OldClientWords.Select(row => (Enum)row[0]).ToHashSet();
        var missing = ClientEnums.SelectMany(t => Enum.GetValues(t).Cast<Enum>()).Where(v => !listed.Contains(v)).ToList();
        Assert.Empty(missing);
    }

    // A newer server may send a value this build does not know; it reads like an unset one.
    [Fact]
    public void Of_ValueUnknownToThisBuild_ReadsLikeUnset()
    {
        Assert.Equal("unspecified", Words.Of((Role)99));
        Assert.Equal("pending", Words.Of((ValidationStatus)99));
        Assert.Equal("standard", Words.Of((Profile)99));
        Assert.Equal("unanswered", Words.Of((Certainty)99));
    }

    [Fact]
    public void All_JobKind_IsEveryWordButUnspecifiedInValueOrder() =>
        Assert.Equal(["validate", "eligibility", "evaluate", "verdict", "train_reference", "analysis"], Words.All<JobKind>());

    [Fact]
    public void Join_Roles_IsTheWordsWithTheSeparator() =>
        Assert.Equal("defender, attacker", Words.Join([Role.Defender, Role.Attacker], ", "));

    [Fact]
    public void TryParse_EveryWordOfEveryClientEnum_RoundTrips()
    {
        AssertRoundTrips<Role>();
        AssertRoundTrips<Label>();
        AssertRoundTrips<ModelFormat>();
        AssertRoundTrips<ValidationStatus>();
        AssertRoundTrips<EligibilityStatus>();
        AssertRoundTrips<StakeStatus>();
        AssertRoundTrips<JobKind>();
        AssertRoundTrips<JobStatus>();
        AssertRoundTrips<Profile>();
        AssertRoundTrips<AttackStatus>();
        AssertRoundTrips<Certainty>();
        AssertRoundTrips<RoundStatus>();
        AssertRoundTrips<AppealStatus>();
        AssertRoundTrips<NotificationKind>();
        AssertRoundTrips<MatrixOutcome>();
    }

    [Theory]
    [InlineData("Definitely-Yes", Certainty.DefinitelyYes)]
    [InlineData("MAYBE_NO", Certainty.MaybeNo)]
    [InlineData(" maybe-yes ", Certainty.MaybeYes)]
    public void TryParse_DashesAnyCaseAndSpaces_Accepted(string text, Certainty expected)
    {
        Assert.True(Words.TryParse<Certainty>(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("train-reference", JobKind.TrainReference)]
    [InlineData("Train_Reference", JobKind.TrainReference)]
    public void TryParse_JobKindSpellings_Accepted(string text, JobKind expected)
    {
        Assert.True(Words.TryParse<JobKind>(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("canceled")]
    [InlineData("Canceled")]
    [InlineData("cancelled")]
    public void TryParse_BothSpellingsOfCancelled_AreCancelled(string text)
    {
        Assert.True(Words.TryParse<JobStatus>(text, out var value));
        Assert.Equal(JobStatus.Cancelled, value);
    }

    [Fact]
    public void TryParse_CanceledForAnotherEnum_Refused() =>
        Assert.False(Words.TryParse<AppealStatus>("canceled", out _));

    [Theory]
    [InlineData("unspecified")]
    [InlineData("UNSPECIFIED")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("admin")]
    [InlineData("role_organizer")]
    public void TryParse_UnspecifiedOrUnknownRole_Refused(string? text)
    {
        Assert.False(Words.TryParse<Role>(text, out var value));
        Assert.Equal(Role.Unspecified, value);
    }

    // The word an unset value prints is not a value anyone may choose.
    [Fact]
    public void TryParse_UnansweredCertainty_Refused() =>
        Assert.False(Words.TryParse<Certainty>("unanswered", out _));

    private static void AssertRoundTrips<TEnum>() where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>().Where(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) != 0).ToList();
        Assert.Equal(values.Select(Words.Of), Words.All<TEnum>());
        foreach (var value in values)
        {
            Assert.True(Words.TryParse<TEnum>(Words.Of(value), out var parsed), $"{typeof(TEnum).Name}: '{Words.Of(value)}' refused");
            Assert.Equal(value, parsed);
        }
    }

    private static string WordOf(Enum value) =>
        (string)typeof(Words).GetMethod(nameof(Words.Of), BindingFlags.Public | BindingFlags.Static)!
            .MakeGenericMethod(value.GetType())
            .Invoke(null, [value])!;
}
