using Contest.Server.Infrastructure.Storage;
using Grpc.Core;

namespace Contest.Server.Tests.Infrastructure;

public class IdsTests
{
    [Fact]
    public void IsWellFormed_NewIds_AreWellFormedForTheirPrefixOnly()
    {
        var id = Ids.New("job");

        Assert.True(Ids.IsWellFormed("job", id));
        Assert.False(Ids.IsWellFormed("def", id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("job_")]
    [InlineData("job_abc")]
    [InlineData("job_abcdefghijk")]
    [InlineData("job_ABCDEFGHIJ")]
    [InlineData("job_abcdefgh1l")]
    [InlineData("job-abcdefghij")]
    [InlineData("jobs_abcdefghi")]
    [InlineData("job_abcdefgh\u00e9j")]
    public void IsWellFormed_OtherShapes_AreNot(string id) => Assert.False(Ids.IsWellFormed("job", id));

    [Fact]
    public void Require_AMalformedId_IsInvalidArgumentNamingTheKind()
    {
        var refused = Assert.Throws<RpcException>(() => Ids.Require("job", new string('x', 5000), "job"));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("is not a job id", refused.Status.Detail);
        // What the caller sent is cut short in the message.
        Assert.True(refused.Status.Detail.Length < 200);
    }
}
