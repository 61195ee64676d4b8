namespace Contest.Evaluator.Tests.Build;

public class ElfVersionNeedPatcherTests
{
    [Fact]
    public void MarkWeak_RequiredVersion_SetsOnlyThatFlag()
    {
        var (bytes, flags) = SyntheticElf.Build("GLIBCXX_3.4.32", "GLIBCXX_3.4");
        var before = (byte[])bytes.Clone();

        var outcome = ElfVersionNeedPatcher.MarkWeak(bytes, "GLIBCXX_3.4.32");

        Assert.Equal(ElfPatchOutcome.Patched, outcome);
        Assert.Equal(2, BitConverter.ToUInt16(bytes, flags[0]));
        Assert.Equal(0, BitConverter.ToUInt16(bytes, flags[1]));
        var changed = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] != before[i]).ToArray();
        Assert.Equal([flags[0]], changed);
    }

    [Fact]
    public void MarkWeak_SecondTime_ReportsAlreadyWeakAndChangesNothing()
    {
        var (bytes, _) = SyntheticElf.Build("GLIBCXX_3.4.32");
        ElfVersionNeedPatcher.MarkWeak(bytes, "GLIBCXX_3.4.32");
        var once = (byte[])bytes.Clone();

        var outcome = ElfVersionNeedPatcher.MarkWeak(bytes, "GLIBCXX_3.4.32");

        Assert.Equal(ElfPatchOutcome.AlreadyWeak, outcome);
        Assert.Equal(once, bytes);
    }

    [Fact]
    public void MarkWeak_VersionNotRequired_ChangesNothing()
    {
        var (bytes, _) = SyntheticElf.Build("GLIBCXX_3.4", "GLIBCXX_3.4.21");
        var before = (byte[])bytes.Clone();

        Assert.Equal(ElfPatchOutcome.NotRequired, ElfVersionNeedPatcher.MarkWeak(bytes, "GLIBCXX_3.4.32"));
        Assert.Equal(before, bytes);
    }

    [Fact]
    public void MarkWeak_NotElf_Throws()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkWeak(new byte[128], "GLIBCXX_3.4.32"));
    }

    [Fact]
    public void MarkWeak_BigEndianElf_Throws()
    {
        var (bytes, _) = SyntheticElf.Build("GLIBCXX_3.4.32");
        bytes[5] = 2;

        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkWeak(bytes, "GLIBCXX_3.4.32"));
    }

    [Fact]
    public void BuildOutput_TorchSharpShim_WasRepairedByTheBuild()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var shims = Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories);
        Assert.NotEmpty(shims);

        foreach (var shim in shims)
            Assert.Equal(ElfPatchOutcome.AlreadyWeak, ElfVersionNeedPatcher.MarkWeak(File.ReadAllBytes(shim), "GLIBCXX_3.4.32"));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "libcontest_glibcxx_compat.so")));
    }
}
