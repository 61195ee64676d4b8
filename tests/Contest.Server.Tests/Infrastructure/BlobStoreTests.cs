using System.Security.Cryptography;
using Contest.Server.Infrastructure.Storage;
using Contest.Tests.Shared;

namespace Contest.Server.Tests.Infrastructure;

public class BlobStoreTests
{
    [Fact]
    public async Task PutAsync_StoresUnderItsSha256()
    {
        using var dir = new TempDirectory();
        var store = new BlobStore(dir.Path);
        byte[] content = [1, 2, 3, 4];

        var sha = await store.PutAsync(content, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), sha);
        Assert.Equal(content, File.ReadAllBytes(store.PathOf(sha)));
        Assert.Equal(dir.Combine("blobs", "sha256", sha[..2], sha), store.PathOf(sha));
    }

    [Fact]
    public async Task Upload_DisposedWithoutCommit_LeavesNothing()
    {
        using var dir = new TempDirectory();
        var store = new BlobStore(dir.Path);

        await using (var upload = store.BeginUpload())
            await upload.WriteAsync(new byte[] { 9, 9, 9 }, CancellationToken.None);

        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Upload_SameContentTwice_KeepsOneFile()
    {
        using var dir = new TempDirectory();
        var store = new BlobStore(dir.Path);

        var a = await store.PutAsync(new byte[] { 5 }, CancellationToken.None);
        var b = await store.PutAsync(new byte[] { 5 }, CancellationToken.None);

        Assert.Equal(a, b);
        Assert.Single(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Upload_WriteAfterComplete_Throws()
    {
        using var dir = new TempDirectory();
        await using var upload = new BlobStore(dir.Path).BeginUpload();
        await upload.WriteAsync(new byte[] { 1 }, CancellationToken.None);
        upload.Complete();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await upload.WriteAsync(new byte[] { 2 }, CancellationToken.None));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF")]
    [InlineData("")]
    public void PathOf_NotASha256_Refused(string name)
    {
        using var dir = new TempDirectory();

        Assert.Throws<ArgumentException>(() => new BlobStore(dir.Path).PathOf(name));
    }

    [Fact]
    public void DeleteAbandonedTemporaryFiles_RemovesLeftovers()
    {
        using var dir = new TempDirectory();
        var store = new BlobStore(dir.Path);
        File.WriteAllText(dir.Combine("tmp", "crashed.part"), "partial");

        Assert.Equal(1, store.DeleteAbandonedTemporaryFiles());
        Assert.Empty(Directory.GetFiles(dir.Combine("tmp")));
    }
}
