using Contest.Server.Infrastructure.Storage;
using Contest.Tests.Shared;

namespace Contest.Server.Tests.Infrastructure;

public sealed class ContestDatabaseTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ContestDatabase _db;

    public ContestDatabaseTests() => _db = new ContestDatabase(_directory.Path);

    public void Dispose()
    {
        _db.Dispose();
        _directory.Dispose();
    }

    private sealed class Note
    {
        public string Id { get; set; } = "";
    }

    [Fact]
    public void AfterCommit_RunsOnceTheWriteCommitted_SeeingItsChanges()
    {
        var notes = _db.Collection<Note>("notes");
        var seen = -1;

        _db.Write(() =>
        {
            notes.Insert(new Note { Id = "a" });
            _db.AfterCommit(() => seen = notes.Count());
            Assert.Equal(-1, seen);
        });

        Assert.Equal(1, seen);
    }

    [Fact]
    public void AfterCommit_OfAWriteThatRollsBack_NeverRuns()
    {
        var ran = false;

        Assert.Throws<InvalidOperationException>(() => _db.Write(() =>
        {
            _db.Collection<Note>("notes").Insert(new Note { Id = "a" });
            _db.AfterCommit(() => ran = true);
            throw new InvalidOperationException("refused");
        }));

        Assert.False(ran);
        Assert.Equal(0, _db.Collection<Note>("notes").Count());
    }

    [Fact]
    public void Write_InsideAWrite_JoinsIt_SoAFailureLaterUndoesBoth()
    {
        var notes = _db.Collection<Note>("notes");

        Assert.Throws<InvalidOperationException>(() => _db.Write(() =>
        {
            _db.Write(() => notes.Insert(new Note { Id = "inner" }));
            throw new InvalidOperationException("refused");
        }));

        Assert.Equal(0, notes.Count());
    }

    [Fact]
    public void AfterCommit_OutsideAWrite_RunsAtOnce()
    {
        var ran = false;

        _db.AfterCommit(() => ran = true);

        Assert.True(ran);
    }
}
