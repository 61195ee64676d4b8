using System.CommandLine;
using Grpc.Core;

namespace Contest.Client.Cli;

/// <summary>
/// Runs a command's handler with a <see cref="CliContext"/>, and turns every failure into a one-line
/// reason on standard error and a non-zero exit code.
/// </summary>
internal sealed class CommandActions(GlobalOptions global, TextWriter output, TextWriter error)
{
    public void Set(Command command, Func<CliContext, CancellationToken, Task> handler) =>
        Set(command, async (context, ct) =>
        {
            await handler(context, ct);
            return ExitCodes.Ok;
        });

    public void Set(Command command, Func<CliContext, CancellationToken, Task<int>> handler) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var context = new CliContext(parse, global, output, error);
            try
            {
                return await handler(context, cancellationToken);
            }
            catch (RpcException e)
            {
                error.WriteLine($"error: {Describe(e, context)}");
                return ExitCodes.FromStatus(e);
            }
            catch (CliException e)
            {
                error.WriteLine($"error: {e.Message}");
                return e.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                error.WriteLine("error: interrupted.");
                return ExitCodes.Cancelled;
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                // Local files, and downloads that arrived damaged (InvalidDataException is not an IOException).
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.Failed;
            }
        });

    private static string Describe(RpcException e, CliContext context)
    {
        if (ExitCodes.IsTransportFailure(e))
            return $"cannot reach the server at {context.Server.Address} ({FirstLine(e.Status.Detail)}). " +
                   "Is it running? Set --server or CONTEST_SERVER.";
        if (e.StatusCode == StatusCode.Unauthenticated && !context.HasApiKey)
            return "no API key: pass --api-key or set CONTEST_API_KEY (an organizer's key is in <data-dir>/organizer.key).";
        return FirstLine(e.Status.Detail);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
