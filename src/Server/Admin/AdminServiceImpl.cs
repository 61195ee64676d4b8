using System.Security.Cryptography;
using Contest.Contracts.V1;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Infrastructure.Backups;
using Contest.Server.Infrastructure.Files;
using Contest.Server.Infrastructure.Storage;
using Grpc.Core;

namespace Contest.Server.Admin;

/// <summary>Organizer tools for keeping the contest safe: an online backup, streamed.</summary>
internal sealed class AdminServiceImpl(BackupMaker maker, ContestDatabase db, AuditLog audit) : AdminService.AdminServiceBase
{
    [RequireRole(Role.Organizer)]
    public override async Task Backup(BackupRequest request, IServerStreamWriter<FileChunk> responseStream, ServerCallContext context)
    {
        var temp = Path.Combine(db.DataDirectory, "tmp", $"backup-{Guid.NewGuid():N}.tar");
        try
        {
            BackupSummary summary;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                summary = await maker.WriteAsync(file, BackupKinds.Full, context.CancellationToken);
            db.Write(() => audit.Append(context.GetCaller(), "admin.backup", "contest", $"{summary.Records} records, {summary.Blobs} blobs"));
            await using var archive = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(archive, context.CancellationToken));
            await FileChunkStreamer.SendAsync(archive, sha256, 0, responseStream, context.CancellationToken);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
