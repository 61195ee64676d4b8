using System.Collections.Frozen;

namespace Contest.Core.Models;

/// <summary>A reference the code rules refuse: what it is, why, and on which line.</summary>
internal sealed record CodeFinding(string Reference, string Why, int Line);

/// <summary>
/// The calls TorchScript code in a defense may not make, checked on tokens (see
/// <see cref="TorchScriptLexer"/>) rather than on text. A reference is a dotted chain of names;
/// chains rooted at <c>torch</c>, <c>aten</c> or <c>ops</c> are operator references, so they are
/// refused when they name a file operator, an operator outside libtorch's standard namespaces, a
/// custom class or distributed/RPC operators, and whenever they stop short of an operator (a module
/// or namespace bound to a variable or passed to <c>getattr</c> would hide what is called later:
/// libtorch 2.10 compiles <c>t = torch</c>, <c>(torch).from_file</c>, <c>getattr(torch, "from_file")</c>
/// and <c>o = ops.aten</c> alike). File operators are also refused as attributes of anything, RPC
/// builtins as calls, and Python's own escape hatches (<c>open(</c>, <c>__import__</c>, <c>os.</c> ...)
/// wherever they appear.
/// </summary>
internal static class TorchScriptCodeRules
{
    /// <summary>Operator namespaces of libtorch itself, the ones exported models use.</summary>
    public static readonly FrozenSet<string> StandardNamespaces = FrozenSet.Create(StringComparer.Ordinal,
        "aten", "prim", "quantized", "_quantized", "quantized_decomposed", "prepacked", "mkldnn", "mkldnn_prepacked",
        "onednn", "profiler", "cuda");

    private const string FileWhy = "models may not read, write or load files.";
    private const string HiddenWhy = "an operator module or namespace used as a value hides which operators it will call.";
    private const string PythonWhy = "this is Python, not TorchScript: files, processes and imports are not available to models.";
    private const string DistributedWhy = "distributed and RPC operators reach other processes and machines.";

    private static readonly FrozenSet<string> OperatorRoots = FrozenSet.Create(StringComparer.Ordinal, "torch", "aten", "ops");
    private static readonly FrozenSet<string> FileOperators = FrozenSet.Create(StringComparer.Ordinal, "from_file", "save", "load");
    private static readonly FrozenSet<string> PythonCalls = FrozenSet.Create(StringComparer.Ordinal,
        "open", "eval", "exec", "compile", "input", "breakpoint", "globals", "locals");
    private static readonly FrozenSet<string> RpcCalls = FrozenSet.Create(StringComparer.Ordinal,
        "rpc_async", "rpc_sync", "rpc_remote", "remote", "to_here");
    private static readonly FrozenSet<string> PythonNames = FrozenSet.Create(StringComparer.Ordinal, "__import__", "__builtins__");
    private static readonly FrozenSet<string> PythonModules = FrozenSet.Create(StringComparer.Ordinal,
        "os", "sys", "subprocess", "builtins", "importlib", "ctypes", "socket", "shutil", "pickle", "pathlib");

    /// <summary>The first refused reference in the tokens, or null when there is none.</summary>
    public static CodeFinding? Check(IReadOnlyList<SourceToken> tokens)
    {
        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.Kind == SourceTokenKind.Name && (i == 0 || tokens[i - 1].Kind != SourceTokenKind.Dot))
            {
                var chain = new List<string> { token.Text };
                var j = i + 1;
                while (j + 1 < tokens.Count && tokens[j].Kind == SourceTokenKind.Dot && tokens[j + 1].Kind == SourceTokenKind.Name)
                {
                    chain.Add(tokens[j + 1].Text);
                    j += 2;
                }
                var called = j < tokens.Count && tokens[j].Kind == SourceTokenKind.OpenParenthesis;
                if ((CheckChain(chain, called) ?? CheckAttributes(chain, 1)) is { } why)
                    return new CodeFinding(string.Join('.', chain), why, token.Line);
                i = j;
            }
            else if (token.Kind == SourceTokenKind.Dot && i + 1 < tokens.Count && tokens[i + 1].Kind == SourceTokenKind.Name)
            {
                // An attribute of an expression, such as (torch).from_file or x[0].load.
                if (CheckAttributes([tokens[i + 1].Text], 0) is { } why)
                    return new CodeFinding("." + tokens[i + 1].Text, why, token.Line);
                i += 2;
            }
            else
                i++;
        }
        return null;
    }

    private static string? CheckChain(List<string> chain, bool called)
    {
        var root = chain[0];
        if (PythonNames.Contains(root) || (PythonModules.Contains(root) && chain.Count > 1) || (PythonCalls.Contains(root) && chain.Count == 1 && called))
            return PythonWhy;
        if (RpcCalls.Contains(root) && chain.Count == 1 && called)
            return DistributedWhy;
        for (var k = 0; k + 1 < chain.Count; k++)
        {
            if (chain[k] == "torch" && chain[k + 1] == "classes")
                return "TorchScript custom classes (torch.classes) are native code outside libtorch's standard operators.";
        }
        if (!OperatorRoots.Contains(root))
            return null;

        var operators = root == "ops" ? chain : chain.Count > 1 && chain[1] == "ops" ? chain.GetRange(1, chain.Count - 1) : null;
        if (operators is null)
        {
            if (chain.Count == 1)
                return HiddenWhy;
            if (chain[1] is "distributed" || RpcCalls.Contains(chain[1]))
                return DistributedWhy;
            return IsFileOperator(chain[1]) ? FileWhy : null;
        }

        // ops.<namespace>.<operator>[.<overload>]
        if (operators.Count < 3)
            return HiddenWhy;
        if (!StandardNamespaces.Contains(operators[1]))
            return $"`{operators[1]}` is not one of libtorch's standard operator namespaces ({string.Join(", ", StandardNamespaces.Order(StringComparer.Ordinal))}); " +
                   "custom operators are native code the evaluator does not have, and could do anything.";
        if (operators.Skip(2).Any(RpcCalls.Contains))
            return DistributedWhy;
        return operators.Skip(2).Any(IsFileOperator) ? FileWhy : null;
    }

    // save and load are refused only as operators (above); these names are refused on anything.
    private static string? CheckAttributes(List<string> names, int from)
    {
        for (var k = from; k < names.Count; k++)
        {
            var name = names[k];
            if (name == "from_file" || name.StartsWith("_save", StringComparison.Ordinal) || name.StartsWith("_load", StringComparison.Ordinal))
                return FileWhy;
        }
        return null;
    }

    private static bool IsFileOperator(string name) =>
        FileOperators.Contains(name) || name.StartsWith("_save", StringComparison.Ordinal) || name.StartsWith("_load", StringComparison.Ordinal);
}
