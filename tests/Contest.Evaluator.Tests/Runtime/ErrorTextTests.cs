using Contest.Evaluator.Runtime;

namespace Contest.Evaluator.Tests.Runtime;

public class ErrorTextTests
{
    [Fact]
    public void Message_OfATorchScriptError_IsTheRaisedMessageWithoutTheTraceback()
    {
        const string raw = "The following operation failed in the TorchScript interpreter.\n" +
                           "Traceback of TorchScript (most recent call last):\n" +
                           "  File \"code/__torch__.py\", line 9, in forward\n" +
                           "    ops.prim.RaiseException(\"boom\", \"builtins.RuntimeError\")\n" +
                           "builtins.RuntimeError: first line\n" +
                           "second line\n";

        Assert.Equal("builtins.RuntimeError: first line second line", ErrorText.Message(raw));
    }

    [Fact]
    public void Message_OfAc10Error_StopsBeforeItsCppStackTrace()
    {
        const string raw = "Expected all tensors to be on the same device\n" +
                           "Exception raised from compute_types at /pytorch/aten/src/ATen/TensorIterator.cpp:512 (most recent call first):\n" +
                           "frame #0: c10::Error::Error(c10::SourceLocation, std::string) + 0x96 (0x7f in libc10.so)\n";

        Assert.Equal("Expected all tensors to be on the same device", ErrorText.Message(raw));
    }

    [Fact]
    public void Message_WithNothingRecognisable_IsTheWholeText()
    {
        Assert.Equal("odd", ErrorText.Message("odd"));
    }
}
