using System.Diagnostics;
using System.IO.Compression;
using Contest.Core.Models;
using Contest.Tests.Shared;

namespace Contest.Core.Tests.Models;

public sealed class TorchScriptInspectionTests : IDisposable
{
    private const string TopLevelCode = "tiny_cnn_scripted/code/__torch__.py";
    private readonly TempDirectory _temp = new("inspection");

    public void Dispose() => _temp.Dispose();

    private static ModelInspectionResult Inspect(string path) => ModelCodeInspection.Inspect(path, ModelFileFormat.TorchScript);

    private static ModelInspectionResult Inspect(byte[] archive) => ModelCodeInspection.Inspect(new MemoryStream(archive), ModelFileFormat.TorchScript);

    private string WithForward(string body) => HostileModels.WithForward(_temp.Path, "edited.pt", body);

    private static byte[] Archive(params (string Name, string Text)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }
        return stream.ToArray();
    }

    [Theory]
    [InlineData("good", "tiny_cnn_scripted.pt")]
    [InlineData("good", "tiny_cnn_traced.pt")]
    [InlineData("good", "normalized_wrapper_scripted.pt")]
    [InlineData("good", "squeezenet1_1_scripted.pt")]
    [InlineData("bad", "wrong_shape.pt")]
    [InlineData("bad", "nan_output.pt")]
    [InlineData("bad", "raises.pt")]
    [InlineData("bad", "slow.pt")]
    [InlineData("bad", "state_dict_checkpoint.pt")]
    [InlineData("bad", "randomized.pt")]
    [InlineData("bad", "fixed_batch_traced.pt")]
    [InlineData("bad", "crash_on_load.pt")]
    public void Inspect_Fixture_IsFine(string folder, string name)
    {
        // The bad fixtures break the contract at run time; none of them calls anything refused here.
        var result = Inspect(Path.Combine(TestPaths.Fixtures, "defenses", folder, name));

        Assert.False(result.Refused, result.Reason);
    }

    [Theory]
    [InlineData("_0 = torch.from_file(\"/etc/passwd\", False, 10, dtype=0)", "torch.from_file")]
    [InlineData("_0 = torch . from_file (\"/etc/passwd\")", "torch.from_file")]
    [InlineData("_0 = torch.\\\n  from_file(\"/etc/passwd\")", "torch.from_file")]
    [InlineData("_0 = ops.aten.from_file(\"/etc/passwd\")", "ops.aten.from_file")]
    [InlineData("_0 = torch.ops.aten.from_file(\"/etc/passwd\")", "torch.ops.aten.from_file")]
    [InlineData("_0 = ops.aten.from_file.default(\"/etc/passwd\")", "ops.aten.from_file.default")]
    [InlineData("_0 = torch.save(x, \"/tmp/x\")", "torch.save")]
    [InlineData("_0 = torch.load(\"/tmp/x\")", "torch.load")]
    [InlineData("_0 = ops.aten.save(x, \"/tmp/x\")", "ops.aten.save")]
    [InlineData("_0 = ops.aten._save_for_mobile(x)", "ops.aten._save_for_mobile")]
    [InlineData("_0 = ops.aten._load_for_mobile(\"/tmp/x\")", "ops.aten._load_for_mobile")]
    [InlineData("_0 = ops.evil.spawn(\"/bin/sh\")", "ops.evil.spawn")]
    [InlineData("_0 = torch.ops.evil.spawn(x)", "torch.ops.evil.spawn")]
    [InlineData("_0 = ops.c10d_functional.all_reduce(x)", "ops.c10d_functional.all_reduce")]
    [InlineData("_0 = __torch__.torch.classes.evil.Shell()", "__torch__.torch.classes.evil.Shell")]
    [InlineData("_0 = torch.classes.evil.Shell()", "torch.classes.evil.Shell")]
    [InlineData("_0 = torch.distributed.rpc.rpc_sync(\"peer\", x)", "torch.distributed.rpc.rpc_sync")]
    [InlineData("t = torch\n_0 = t.from_file(\"/etc/passwd\")", "torch")]
    [InlineData("o = ops.evil\n_0 = o.spawn(x)", "ops.evil")]
    [InlineData("_0 = getattr(ops, \"evil\")", "ops")]
    [InlineData("_0 = getattr(torch, \"from_file\")(\"/etc/passwd\")", "torch")]
    [InlineData("fn = torch.from_file\n_0 = fn(\"/etc/passwd\")", "torch.from_file")]
    [InlineData("o = ops.aten\n_0 = o.save(x, \"/tmp/x\")", "ops.aten")]
    [InlineData("_0 = rpc_async(\"peer\", x)", "rpc_async")]
    [InlineData("_0 = ops.prim.rpc_sync(\"peer\", x)", "ops.prim.rpc_sync")]
    [InlineData("_0 = (torch).from_file(\"/etc/passwd\")", "torch")]
    [InlineData("_0 = self.f.from_file(\"/etc/passwd\")", "self.f.from_file")]
    [InlineData("_0 = [x][0].from_file", ".from_file")]
    [InlineData("_0 = open(\"/etc/passwd\")", "open")]
    [InlineData("_0 = __import__(\"os\")", "__import__")]
    [InlineData("_0 = os.system(\"id\")", "os.system")]
    public void Inspect_ForwardWithForbiddenReference_RefusedNamingItAndWhere(string body, string reference)
    {
        var result = Inspect(WithForward(body + "\nreturn x"));

        Assert.True(result.Refused);
        Assert.Contains($"uses `{reference}` ({TopLevelCode}, line 9)", result.Reason);
    }

    [Fact]
    public void Inspect_ForbiddenNamesOnlyInStringsCommentsAndNumbers_IsFine()
    {
        var result = Inspect(WithForward("""
            # torch.save(x, "/tmp/x") and open("/etc/passwd") are only mentioned here
            _0 = "torch.from_file('/etc/passwd') or ops.evil.spawn()"
            _1 = '''open(
              __import__("os")'''
            _2 = torch.mul(x, 1.0000000000000001e-05)
            _3 = torch.add(_2, .5)
            f = self.f
            return (f).forward(_3, )
            """));

        Assert.False(result.Refused, result.Reason);
    }

    [Fact]
    public void Inspect_HostileModels_RefusesThoseThatTouchFilesOrUnknownOperators()
    {
        var secret = _temp.Combine("secret.txt");
        File.WriteAllText(secret, "secret-123");

        Assert.Contains("`torch.from_file`", Inspect(HostileModels.ReadsFileAndRaises(_temp.Path, secret)).Reason);
        Assert.Contains("`torch.from_file`", Inspect(HostileModels.WritesFile(_temp.Path, _temp.Combine("written"))).Reason);
        Assert.Contains("`ops.evil.spawn`", Inspect(HostileModels.CallsUnknownOperator(_temp.Path)).Reason);
        // Harm of another kind, for the sandbox's limits rather than for static refusals.
        Assert.False(Inspect(HostileModels.Allocates(_temp.Path, 1)).Refused);
        Assert.False(Inspect(HostileModels.Raises(_temp.Path, "\u001b[31mboom")).Refused);
        Assert.False(Inspect(HostileModels.Spins(_temp.Path)).Refused);
        Assert.False(Inspect(HostileModels.Prints(_temp.Path, "hello")).Refused);
    }

    [Theory]
    [InlineData("../m/code/__torch__.py", "with `.` or `..` in it")]
    [InlineData("m/code/../../escape.py", "with `.` or `..` in it")]
    [InlineData("/m/code/__torch__.py", "an absolute path")]
    [InlineData("C:/m/code/__torch__.py", "an absolute path")]
    [InlineData("m\\code\\__torch__.py", "with a backslash")]
    [InlineData("m/code/__torch__\u0001.py", "with control characters")]
    public void Inspect_OddEntryName_Refused(string name, string why)
    {
        var result = Inspect(Archive((name, "x = 1\n")));

        Assert.Contains(why, result.Reason);
    }

    [Fact]
    public void Inspect_SameNameTwiceIgnoringCase_Refused()
    {
        var result = Inspect(Archive(("m/code/__torch__.py", "x = 1\n"), ("m/CODE/__torch__.py", "x = 2\n")));

        Assert.Contains("two entries named `m/CODE/__torch__.py` (ignoring case)", result.Reason);
    }

    [Fact]
    public void Inspect_PythonSourceInExtra_Refused()
    {
        var result = Inspect(Archive(("m/code/__torch__.py", "x = 1\n"), ("m/extra/helper.py", "x = 2\n")));

        Assert.Contains("Python source outside code/ (`m/extra/helper.py`)", result.Reason);
    }

    [Fact]
    public void Inspect_ExtraPayloadMentioningForbiddenCalls_IsFineBecauseNothingRunsIt()
    {
        var result = Inspect(Archive(("m/code/__torch__.py", "x = 1\n"), ("m/extra/notes.txt", "torch.from_file(\"/etc/passwd\")")));

        Assert.False(result.Refused, result.Reason);
    }

    [Fact]
    public void Inspect_CodeThatIsNotUtf8_Refused()
    {
        var archive = RawZip.Write([RawZip.StoredEntry("m/code/__torch__.py", [0x78, 0x20, 0x3d, 0xff, 0xfe])]);

        Assert.Contains("is not UTF-8 text", Inspect(archive).Reason);
    }

    [Fact]
    public void Inspect_TooManyEntries_RefusedFromTheEndRecord()
    {
        var entries = Enumerable.Range(0, 20_001).Select(i => RawZip.StoredEntry($"m/data/{i}", []));

        var result = Inspect(RawZip.Write(entries));

        Assert.Contains("declares 20001 entries", result.Reason);
    }

    [Fact]
    public void Inspect_CodeDeclaringAGibibyte_RefusedBeforeUnpacking()
    {
        var bomb = new RawZip.Entry("m/code/__torch__.py", RawZip.Deflated, RawZip.DeflatedZeros(1024), 1u << 30, 0);

        var (result, elapsed, allocated) = Measure(RawZip.Write([bomb]));

        Assert.Contains("declares 1073741824 bytes of code", result.Reason);
        AssertCheap(elapsed, allocated);
    }

    [Fact]
    public void Inspect_ZipBombDeclaringASmallSize_RefusedAfterReadingOnlyThat()
    {
        // Declares 100 bytes and unpacks to a gibibyte; reading stops at what it declares.
        var bomb = new RawZip.Entry("m/code/__torch__.py", RawZip.Deflated, RawZip.DeflatedZeros(1024), 100, 0);

        var (result, elapsed, allocated) = Measure(RawZip.Write([bomb]));

        Assert.Contains("does not match its checksum", result.Reason);
        AssertCheap(elapsed, allocated);
    }

    [Fact]
    public void Inspect_CodeFilesTogetherOverTheBudget_RefusedWithoutReadingTheRest()
    {
        // Each file is within the limit for one and honest about it; nine of them are not.
        var mebibyte = RawZip.DeflatedZeros(1);
        var crc = ZipCrc32.Compute(new byte[1 << 20]);
        var entries = Enumerable.Range(0, 9).Select(i => new RawZip.Entry($"m/code/part{i}.py", RawZip.Deflated, mebibyte, 1u << 20, crc));

        var (result, elapsed, allocated) = Measure(RawZip.Write(entries));

        Assert.Contains("code unpacks to more than 8388608 bytes in all (stopped at `m/code/part8.py`)", result.Reason);
        AssertCheap(elapsed, allocated);
    }

    [Fact]
    public void Inspect_DataEntriesDeclaringMoreThanTheLimit_Refused()
    {
        // Never unpacked here, but libtorch allocates what each tensor entry declares.
        var payload = RawZip.DeflatedZeros(1);
        var entries = Enumerable.Range(0, 5).Select(i => new RawZip.Entry($"m/data/{i}", RawZip.Deflated, payload, 1u << 30, 0));

        var result = Inspect(RawZip.Write([.. entries, RawZip.StoredEntry("m/code/__torch__.py", "x = 1\n")]));

        Assert.Contains("declare more than 4294967296 bytes", result.Reason);
    }

    [Fact]
    public void Inspect_TruncatedArchive_RefusedNotThrown()
    {
        var bytes = File.ReadAllBytes(TestPaths.GoodDefense("tiny_cnn_scripted.pt"));

        var result = Inspect(bytes[..(bytes.Length / 2)]);

        Assert.Contains("no readable ZIP directory", result.Reason);
    }

    private static (ModelInspectionResult Result, TimeSpan Elapsed, long Allocated) Measure(byte[] archive)
    {
        var stream = new MemoryStream(archive);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var result = ModelCodeInspection.Inspect(stream, ModelFileFormat.TorchScript);
        return (result, watch.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void AssertCheap(TimeSpan elapsed, long allocated)
    {
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}");
        Assert.True(allocated < 64L << 20, $"allocated {allocated} bytes");
    }
}
