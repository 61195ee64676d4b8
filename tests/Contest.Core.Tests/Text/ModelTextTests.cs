using Contest.Core.Text;
using Xunit;

namespace Contest.Core.Tests.Text;

public sealed class ModelTextTests
{
    [Fact]
    public void Removes_terminal_escapes_and_control_characters()
    {
        var raw = "\u001b[31mboom\u001b[0m\r\nsecond\tline\u0007 \u001b]0;title\u0007end";
        Assert.Equal("boom second line end", ModelText.Clean(raw));
    }

    [Fact]
    public void Removes_invisible_formatting_characters_such_as_bidi_overrides()
    {
        Assert.Equal("abcdef", ModelText.Clean("abc\u202Edef\u200B"));
    }

    [Fact]
    public void Caps_the_length_and_says_it_was_cut()
    {
        var cleaned = ModelText.Clean(new string('x', 5000), 100);
        Assert.Equal(100, cleaned.Length);
        Assert.EndsWith("...", cleaned, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_ordinary_text_including_non_latin_letters()
    {
        Assert.Equal("RuntimeError: größe 3 ≠ 2 鳥", ModelText.Clean("  RuntimeError: größe 3 ≠ 2 鳥  "));
    }

    [Fact]
    public void Empty_and_null_give_empty()
    {
        Assert.Equal("", ModelText.Clean(null));
        Assert.Equal("", ModelText.Clean("\u0000\u0001\n"));
    }
}
