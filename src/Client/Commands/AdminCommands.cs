using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>`contest admin backup`.</summary>
internal static class AdminCommands
{
    public static Command Create(CommandActions actions)
    {
        var admin = new Command("admin", "Keeping the contest safe (organizers).");
        admin.Subcommands.Add(Backup(actions));
        return admin;
    }

    private static Command Backup(CommandActions actions)
    {
        var output = new Option<string>("--out")
        {
            Description = "The .tar file to write (records, blobs, organizer.key, dataset seed, manifest). " +
                "Restore it with: Contest.Server --restore FILE --data-dir EMPTY_DIR.",
            Required = true,
        };
        var command = new Command("backup", "A consistent copy of the running contest, made online (organizers).") { output };
        actions.Set(command, async (ctx, ct) =>
        {
            var target = Path.GetFullPath(ctx.Value(output));
            if (Directory.Exists(target))
                throw new CliException($"{target} is a folder; --out names the .tar file to write.");
            var partial = target + ".part";
            long bytes = 0;
            string? expected = null;
            try
            {
                using var call = ctx.Server.Admin.Backup(new Contracts.V1.BackupRequest(), cancellationToken: ct);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    var complete = false;
                    while (await call.ResponseStream.MoveNext(ct))
                    {
                        var chunk = call.ResponseStream.Current;
                        if (chunk.Offset != bytes)
                            throw new CliException($"the server sent bytes at {chunk.Offset} where {bytes} was expected; try again.", ExitCodes.Failed);
                        expected = chunk.Sha256;
                        chunk.Data.WriteTo(file);
                        hash.AppendData(chunk.Data.Span);
                        bytes += chunk.Data.Length;
                        complete = chunk.Last;
                    }
                    if (!complete)
                        throw new CliException("the backup stream ended early; nothing was written. Try again.", ExitCodes.Failed);
                }
                var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (actual != expected)
                    throw new CliException($"the backup arrived damaged (SHA-256 {actual}, the server's {expected}); nothing was written. Try again.", ExitCodes.Failed);
                File.Move(partial, target, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonObject { ["file"] = target, ["bytes"] = bytes, ["sha256"] = expected });
                return;
            }
            ctx.Console.MarkupLineInterpolated($"Backup written to [bold]{target}[/] ({bytes:N0} bytes, SHA-256 {expected}).");
            ctx.Console.MarkupLineInterpolated($"Restore with: Contest.Server --restore {target} --data-dir EMPTY_DIR");
        });
        return command;
    }
}
