namespace Contest.Core.Models;

/// <summary>What a <see cref="SourceToken"/> is, as far as the code rules care.</summary>
internal enum SourceTokenKind
{
    /// <summary>An identifier.</summary>
    Name,

    /// <summary>An attribute dot.</summary>
    Dot,

    /// <summary>An opening parenthesis.</summary>
    OpenParenthesis,

    /// <summary>Anything else: a literal, an operator, a bracket.</summary>
    Other,
}

/// <summary>One token of TorchScript source, with the line it starts on.</summary>
internal readonly record struct SourceToken(SourceTokenKind Kind, string Text, int Line);

/// <summary>
/// Splits TorchScript source (the Python-like text under an archive's code/) into the tokens the
/// code rules read. Whitespace, line continuations and comments vanish, and string literals become
/// one opaque token, so neither spacing nor an error message that mentions a call can change what
/// the rules see. Where libtorch's lexer would reject the text, this one errs towards reading more
/// of it as code (a one-line string ends at its line's end). A run of tokens the rules do not tell
/// apart (literals, operators, brackets) becomes one token, so memory follows the names in the
/// text, not its length.
/// </summary>
internal static class TorchScriptLexer
{
    public static List<SourceToken> Tokenize(string source)
    {
        var tokens = new List<SourceToken>();
        var line = 1;
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            var start = i;
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c) || c == '\\')
                i++;
            else if (c == '#')
            {
                while (i < source.Length && source[i] != '\n')
                    i++;
            }
            else if (c is '"' or '\'')
            {
                var startLine = line;
                i = SkipString(source, i, ref line);
                AddOther(tokens, startLine);
            }
            else if (IsNameStart(c))
            {
                while (i < source.Length && IsNamePart(source[i]))
                    i++;
                tokens.Add(new SourceToken(SourceTokenKind.Name, source[start..i], line));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < source.Length && char.IsAsciiDigit(source[i + 1])))
            {
                i = SkipNumber(source, i);
                AddOther(tokens, line);
            }
            else
            {
                if (c == '.')
                    tokens.Add(new SourceToken(SourceTokenKind.Dot, ".", line));
                else if (c == '(')
                    tokens.Add(new SourceToken(SourceTokenKind.OpenParenthesis, "(", line));
                else
                    AddOther(tokens, line);
                i++;
            }
        }
        return tokens;
    }

    private static void AddOther(List<SourceToken> tokens, int line)
    {
        if (tokens.Count == 0 || tokens[^1].Kind != SourceTokenKind.Other)
            tokens.Add(new SourceToken(SourceTokenKind.Other, "", line));
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    // Returns the index after the literal; counts the newlines it spans.
    private static int SkipString(string source, int start, ref int line)
    {
        var quote = source[start];
        var triple = start + 2 < source.Length && source[start + 1] == quote && source[start + 2] == quote;
        var i = start + (triple ? 3 : 1);
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\\')
            {
                if (i + 1 < source.Length && source[i + 1] == '\n')
                    line++;
                i += 2;
            }
            else if (c == quote && (!triple || (i + 2 < source.Length && source[i + 1] == quote && source[i + 2] == quote)))
                return i + (triple ? 3 : 1);
            else if (c == '\n')
            {
                if (!triple)
                    return i;
                line++;
                i++;
            }
            else
                i++;
        }
        return source.Length;
    }

    // Digits, an optional fraction, an optional exponent; nothing else, so no name hides in a number.
    private static int SkipNumber(string source, int start)
    {
        var i = start;
        while (i < source.Length && char.IsAsciiDigit(source[i]))
            i++;
        if (i + 1 < source.Length && source[i] == '.' && char.IsAsciiDigit(source[i + 1]))
        {
            i++;
            while (i < source.Length && char.IsAsciiDigit(source[i]))
                i++;
        }
        if (i < source.Length && source[i] is 'e' or 'E')
        {
            var digits = i + 1 < source.Length && source[i + 1] is '+' or '-' ? i + 2 : i + 1;
            if (digits < source.Length && char.IsAsciiDigit(source[digits]))
            {
                i = digits;
                while (i < source.Length && char.IsAsciiDigit(source[i]))
                    i++;
            }
        }
        return i;
    }
}
