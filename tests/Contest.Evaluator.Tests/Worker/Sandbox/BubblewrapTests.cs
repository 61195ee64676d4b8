using Contest.Evaluator.Worker.Sandbox;

namespace Contest.Evaluator.Tests.Worker.Sandbox;

public class BubblewrapTests
{
    [Fact]
    public void MissingMessage_NotInstalled_NamesTheInstallAndTheOptOut()
    {
        var message = Bubblewrap.MissingMessage(Bubblewrap.NotInstalled);

        Assert.StartsWith("bubblewrap (bwrap) is not installed.", message);
        Assert.Contains("apt-get install bubblewrap", message);
        Assert.Contains("--unsafe-no-sandbox", message);
    }

    [Fact]
    public void IsolationArguments_DropEverything()
    {
        var arguments = string.Join(' ', Bubblewrap.IsolationArguments);

        Assert.Contains("--unshare-all", arguments);
        Assert.Contains("--uid 65534 --gid 65534", arguments);
        Assert.Contains("--cap-drop ALL", arguments);
        Assert.Contains("--clearenv", arguments);
        Assert.Contains("--die-with-parent", arguments);
        Assert.Contains("--new-session", arguments);
        Assert.DoesNotContain("--share-net", arguments);
    }

    [SandboxFact]
    public void Probe_OnThisMachine_Succeeds() =>
        Assert.Null(Bubblewrap.Probe(Bubblewrap.Find()!, EvaluatorCommand.Current(), cuda: false));
}
