using System.IO.Compression;
using System.Text;

namespace Contest.Tests.Shared;

/// <summary>
/// Real TorchScript archives whose <c>forward</c> does something a defense must never be allowed
/// to do. Each is tiny_cnn_scripted.pt with the top-level module's forward rewritten in the
/// TorchScript printer's own dialect (libtorch compiles <c>code/</c> at load time, so no PyTorch is
/// needed to make them). Weights and every other entry are copied unchanged; the rewritten file's
/// <c>.debug_pkl</c> (source ranges of the old text) is dropped, which libtorch tolerates.
/// Every method writes a new file into <c>directory</c> and returns its path.
/// </summary>
internal static class HostileModels
{
    private const string Source = "tiny_cnn_scripted.pt";
    private const string TopLevelCode = "code/__torch__.py";
    private const string ForwardHeader = "  def forward(self: __torch__.Tiny,\n    x: Tensor) -> Tensor:\n";

    // The untouched model's forward, for the models that must still return logits.
    private const string Logits = "f = self.f\nlogits = (f).forward(x, )\n";

    /// <summary>
    /// forward maps <paramref name="path"/> read-only with <c>torch.from_file</c>, turns its bytes
    /// into a string one <c>chr</c> at a time, and raises it: whatever error text the evaluator
    /// relays is the file's content. The file's length is read now, when the model is built.
    /// </summary>
    public static string ReadsFileAndRaises(string directory, string path)
    {
        var length = new FileInfo(path).Length;
        return WithForward(directory, "reads_file_and_raises.pt", $"""
            data = torch.from_file({Literal(path)}, False, {length}, dtype=0)
            text = ""
            for i in range({length}):
              text = torch.add(text, torch.chr(int(torch.select(data, 0, i))))
            ops.prim.RaiseException(text, "builtins.RuntimeError")
            return x
            """);
    }

    /// <summary>
    /// forward creates <paramref name="path"/> (16 bytes, mapped shared, so writes reach the disk),
    /// fills it with the letter 'A', then returns normal logits. The logits use one byte of the
    /// mapping: without that, the graph optimiser drops the write as dead code.
    /// </summary>
    public static string WritesFile(string directory, string path) =>
        WithForward(directory, "writes_file.pt", $"""
            mapped = torch.from_file({Literal(path)}, True, 16, dtype=0)
            mapped0 = torch.fill_(mapped, 65)
            {Logits}
            return torch.add(logits, torch.mul(torch.select(mapped0, 0, 0), 0))
            """);

    /// <summary>forward allocates <paramref name="gibibytes"/> GiB of ones (every page touched), then returns logits.</summary>
    public static string Allocates(string directory, int gibibytes) =>
        WithForward(directory, $"allocates_{gibibytes}gib.pt", $"""
            big = torch.ones([{(long)gibibytes << 30}], dtype=0, layout=None, device=None, pin_memory=None)
            {Logits}
            return torch.add(logits, torch.mul(torch.select(big, 0, 0), 0))
            """);

    /// <summary>forward raises a RuntimeError with <paramref name="message"/>, control characters included.</summary>
    public static string Raises(string directory, string message) =>
        WithForward(directory, "raises_message.pt", $"""
            ops.prim.RaiseException({Literal(message)}, "builtins.RuntimeError")
            return x
            """);

    /// <summary>
    /// Answers like tiny_cnn on ordinary images; raises "adversarial input detected" when any image of
    /// the batch is almost white (its own mean above 0.97), whatever else the batch holds.
    /// </summary>
    public static string RaisesOnBright(string directory) =>
        WithForward(directory, "raises_on_bright.pt", """
            if bool(torch.gt(torch.max(torch.mean(x, [1, 2, 3])), 0.97)):
              ops.prim.RaiseException("adversarial input detected", "builtins.RuntimeError")
            else:
              pass
            f = self.f
            return (f).forward(x, )
            """);

    /// <summary>Answers like tiny_cnn on ordinary images; never returns when any image of the batch is almost white (its own mean above 0.97).</summary>
    public static string SpinsOnBright(string directory) =>
        WithForward(directory, "spins_on_bright.pt", """
            if bool(torch.gt(torch.max(torch.mean(x, [1, 2, 3])), 0.97)):
              n = 0
              while True:
                n = torch.remainder(torch.add(torch.mul(n, 31), 7), 1000003)
            else:
              pass
            f = self.f
            return (f).forward(x, )
            """);

    /// <summary>forward never returns: an endless loop of integer arithmetic. Only load it in-process.</summary>
    public static string Spins(string directory) =>
        WithForward(directory, "spins.pt", """
            n = 0
            while True:
              n = torch.remainder(torch.add(torch.mul(n, 31), 7), 1000003)
            return x
            """);

    /// <summary>forward calls <c>ops.evil.spawn</c>, an operator no library registers: loading must fail.</summary>
    public static string CallsUnknownOperator(string directory) =>
        WithForward(directory, "calls_unknown_operator.pt", """
            _0 = ops.evil.spawn("/bin/sh")
            return x
            """);

    /// <summary>forward prints <paramref name="text"/> (TorchScript <c>print</c>, to the process's stdout), then returns logits.</summary>
    public static string Prints(string directory, string text) =>
        WithForward(directory, "prints.pt", $"""
            print({Literal(text)})
            {Logits}
            return logits
            """);

    /// <summary>
    /// The source model with its forward body replaced by <paramref name="body"/> (TorchScript in
    /// the printer's dialect, unindented; <c>self</c> and the input <c>x</c> are in scope).
    /// </summary>
    public static string WithForward(string directory, string fileName, string body)
    {
        var output = Path.Combine(directory, fileName);
        using var source = ZipFile.OpenRead(TestPaths.GoodDefense(Source));
        using (var target = ZipFile.Open(output, ZipArchiveMode.Create))
        {
            foreach (var entry in source.Entries)
            {
                var name = entry.FullName;
                if (name.EndsWith(TopLevelCode + ".debug_pkl", StringComparison.Ordinal))
                    continue;
                var copy = target.CreateEntry(name, Stored(entry) ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                using var to = copy.Open();
                if (name.EndsWith(TopLevelCode, StringComparison.Ordinal))
                    to.Write(Encoding.UTF8.GetBytes(ReplaceForward(Read(entry), body)));
                else
                {
                    using var from = entry.Open();
                    from.CopyTo(to);
                }
            }
        }
        return output;
    }

    /// <summary>A TorchScript string literal for any text: its lexer knows no \x or \u, so other bytes are octal.</summary>
    public static string Literal(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            literal.Append(b switch
            {
                (byte)'\\' => "\\\\",
                (byte)'"' => "\\\"",
                (byte)'\n' => "\\n",
                (byte)'\t' => "\\t",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => "\\" + Convert.ToString(b, 8).PadLeft(3, '0'),
            });
        }
        return literal.Append('"').ToString();
    }

    private static string ReplaceForward(string code, string body)
    {
        var start = code.IndexOf(ForwardHeader, StringComparison.Ordinal);
        if (start < 0)
            throw new InvalidOperationException($"{Source}: forward not found where expected in {TopLevelCode}");
        var indented = string.Concat(body.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => "    " + line + "\n"));
        // forward is the module's last method; everything after its header is its body.
        return code[..(start + ForwardHeader.Length)] + indented;
    }

    // data/ holds raw tensor storage, written stored (method 0) by torch.jit.save; keep it that way.
    private static bool Stored(ZipArchiveEntry entry) => entry.CompressedLength == entry.Length;

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
