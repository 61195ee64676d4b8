using Contest.Contracts.V1;
using Contest.Core.Text;
using Contest.Server.Workers;

namespace Contest.Server.Tests.Workers;

public class WorkerTextTests
{
    [Fact]
    public void Clean_ValidationOutcome_RemovesEscapesAndCapsEveryText()
    {
        var result = new CompleteJobRequest
        {
            Validation = new ValidationOutcome
            {
                Reason = "\u001b[31mforward raised\u001b[0m " + new string('r', 2000),
                ModelMessage = "line one\nline two\u202e" + new string('m', 5000),
                Checks = { new ValidationCheck { Name = "shape", Detail = "\u0007bell " + new string('d', 900) } },
            },
        };

        WorkerText.Clean(result);

        var validation = result.Validation;
        Assert.StartsWith("forward raised rrr", validation.Reason);
        Assert.Equal(WorkerText.MaxReasonLength, validation.Reason.Length);
        Assert.StartsWith("line one line two", validation.ModelMessage);
        Assert.DoesNotContain('\u202e', validation.ModelMessage);
        Assert.Equal(ModelText.MaxMessageLength, validation.ModelMessage.Length);
        Assert.Equal(WorkerText.MaxReasonLength, validation.Checks[0].Detail.Length);
    }

    [Fact]
    public void Progress_IsCappedAtTheProgressLength()
    {
        var progress = WorkerText.Progress(new JobProgress { Phase = "forward", Message = "\u001b]0;title\u0007" + new string('p', 400) })!;

        Assert.Equal(ModelText.MaxProgressLength, progress.Message.Length);
        Assert.DoesNotContain("title", progress.Message);
        Assert.Null(WorkerText.Progress(null));
    }
}
