using System.IO.Compression;
using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;
using Grpc.Core;

namespace Contest.FunctionalTests.Chaos;

/// <summary>
/// The participants of one life of the server: an organizer creating teams, and defenders each
/// creating their team, uploading a defense (a distinct file each, so blobs are written too) and,
/// once the scripted worker has validated it, asking for its evaluation.
/// Every acknowledgement goes to the ledger; a call cut by the kill is only counted.
/// </summary>
internal sealed class ChaosClients(string address, string organizerKey, ChaosLedger ledger, int cycle)
{
    private readonly TaskCompletionSource _firstAcknowledgement = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static readonly byte[] Model = File.ReadAllBytes(TestPaths.GoodDefense("tiny_cnn_scripted.pt"));

    /// <summary>Completes when the server has acknowledged something in this life: it is up and serving.</summary>
    public Task Serving => _firstAcknowledgement.Task;

    public Task RunAsync(int defenders, CancellationToken stop) =>
        Task.WhenAll([CreateTeamsAsync(stop), .. Enumerable.Range(0, defenders).Select(d => DefendAsync(d, stop))]);

    private async Task CreateTeamsAsync(CancellationToken stop)
    {
        using var channel = new ContestChannel(address, organizerKey, 32 << 20);
        var teams = new TeamService.TeamServiceClient(channel.Invoker);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var name = $"t{cycle:D2}-{n:D3}";
            if (await TryAsync(() => teams.CreateTeamAsync(new CreateTeamRequest { Name = name, Roles = { Role.Attacker } }, cancellationToken: stop).ResponseAsync, stop) is { } created)
            {
                ledger.Teams[name] = created.Key;
                _firstAcknowledgement.TrySetResult();
            }
        }
    }

    private async Task DefendAsync(int defender, CancellationToken stop)
    {
        using var organizer = new ContestChannel(address, organizerKey, 32 << 20);
        var name = $"d{cycle:D2}-{defender}";
        var created = await TryAsync(() => new TeamService.TeamServiceClient(organizer.Invoker)
            .CreateTeamAsync(new CreateTeamRequest { Name = name, Roles = { Role.Defender } }, cancellationToken: stop).ResponseAsync, stop);
        if (created is null)
            return;
        ledger.Teams[name] = created.Key;
        using var channel = new ContestChannel(address, created.Key, 32 << 20);
        var content = Variant($"{name} model");
        var defense = await TryAsync(() => Uploads.UploadBytesAsync(new DefenseService.DefenseServiceClient(channel.Invoker), content, $"{name} model"), stop);
        if (defense is null)
            return;
        ledger.Defenses[defense.Id] = defense.Sha256;
        var defenses = new DefenseService.DefenseServiceClient(channel.Invoker);
        while (!stop.IsCancellationRequested)
        {
            var seen = await TryAsync(() => defenses.GetDefenseAsync(new GetDefenseRequest { DefenseId = defense.Id }, cancellationToken: stop).ResponseAsync, stop);
            if (seen?.Validation.Status == ValidationStatus.Passed)
                break;
            await Task.Delay(50, CancellationToken.None);
        }
        if (stop.IsCancellationRequested)
            return;
        var evaluation = await TryAsync(() => new JobService.JobServiceClient(channel.Invoker).CreateEvaluationAsync(
            new CreateEvaluationRequest { DefenseId = defense.Id, Suite = "clean", Profile = Profile.Quick }, cancellationToken: stop).ResponseAsync, stop);
        if (evaluation is not null)
            ledger.Evaluations[evaluation.Id] = defense.Id;
    }

    // The fixture with a zip comment of its own: a different file (and blob), the same model.
    private static byte[] Variant(string comment)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Model);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
            zip.Comment = comment;
        return buffer.ToArray();
    }

    private async Task<T?> TryAsync<T>(Func<Task<T>> call, CancellationToken stop) where T : class
    {
        try
        {
            return await call();
        }
        catch (RpcException e) when (stop.IsCancellationRequested || ChaosTests.IsCutByTheKill(e))
        {
            // Cut by the kill: its outcome is unknown (stored or not); the next call waits for the killer to finish.
            ledger.Cut();
            await Task.Delay(20, CancellationToken.None);
            return null;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The connection broke under a streaming upload's writes: the same kill, seen from the socket.
            ledger.Cut();
            return null;
        }
        catch (RpcException e)
        {
            ledger.Unexpected.Add($"{e.StatusCode}: {e.Status.Detail}");
            return null;
        }
    }
}
