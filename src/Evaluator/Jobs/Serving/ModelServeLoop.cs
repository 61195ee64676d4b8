using Contest.Contracts.V1;
using Contest.Evaluator.Data;
using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Jobs.Serving;

/// <summary>
/// The body of a warm model process: reads the hand-off (a verdict spec naming the defense, and the
/// model file), loads the model once, says it is ready, then answers forward requests from standard
/// input until it closes. Each request's images go through the model as one batch. A fault of the
/// defense is answered, never fatal: the worker decides what it means.
/// </summary>
internal sealed class ModelServeLoop(JobDirectory directory, TextWriter channel)
{
    public int Run(Stream input)
    {
        var (spec, inputs) = JobHandoff.Read(input);
        inputs = directory.Resolve(inputs);
        var device = DeviceSelector.Resolve(DeviceSelector.Parse(inputs.Device));
        IDefenseModel model;
        try
        {
            var context = new JobContext(spec, inputs, device, IPhaseProgress.None, directory, CancellationToken.None);
            model = ModelLoading.Load(context);
        }
        catch (Exception e) when (DefenseFaults.Describe(e) is { } failure)
        {
            Send(new ServeMessage { Failure = failure });
            return JobRunner.FailedExitCode;
        }

        using (model)
        {
            Send(new ServeMessage { Ready = true });
            using var requests = new BoundedLineReader(input, ServeMessage.MaxLineBytes);
            while (requests.ReadLine() is { } line)
            {
                var request = ServeMessage.Parse(line) ?? throw new InvalidDataException("the worker sent a line that is not a request.");
                Send(Answer(model, device, request));
            }
        }
        return 0;
    }

    private ServeMessage Answer(IDefenseModel model, Device device, ServeMessage request)
    {
        var images = request.Images ?? [];
        if (images.Count is 0 or > ServeMessage.MaxImages)
            return new ServeMessage { Id = request.Id, Failure = new JobFailure($"a request must name 1 to {ServeMessage.MaxImages} images.", Retryable: true) };
        try
        {
            var logits = Forward(model, device, images);
            var failures = logits.Select(l => l.All(float.IsFinite)
                ? null
                : $"the model returned non-finite logits [{string.Join(", ", l)}] on the attack image; a defense must answer or abstain.").ToList();
            return new ServeMessage
            {
                Id = request.Id,
                Logits = [.. logits.Select(l => l.All(float.IsFinite) ? l : [0f, 0f])],
                ImageFailures = failures.Any(f => f is not null) ? failures : null,
            };
        }
        catch (Exception e) when (DefenseFaults.Describe(e) is { } failure)
        {
            return new ServeMessage { Id = request.Id, Failure = failure };
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return new ServeMessage { Id = request.Id, Failure = new JobFailure($"the evaluator could not read the attack image: {e.Message}", Retryable: true) };
        }
    }

    private List<float[]> Forward(IDefenseModel model, Device device, IReadOnlyList<string> images)
    {
        var loaded = new List<Tensor>(images.Count);
        try
        {
            foreach (var image in images)
                loaded.Add(ImageTensors.LoadAttackImage(directory.ResolveInput(image), device));
            using var batch = loaded.Count == 1 ? loaded[0].alias() : cat(loaded, 0);
            using var output = model.Forward(batch).cpu();
            if (output.dim() != 2 || output.shape[0] != images.Count || output.shape[1] != 2)
                throw new DefenseContractException($"output has shape [{string.Join(",", output.shape)}]; expected [{images.Count},2] logits (bicycle, bird).");
            var flat = output.data<float>().ToArray();
            return [.. Enumerable.Range(0, images.Count).Select(i => new[] { flat[2 * i], flat[2 * i + 1] })];
        }
        finally
        {
            foreach (var tensor in loaded)
                tensor.Dispose();
        }
    }

    private void Send(ServeMessage message)
    {
        channel.WriteLine(message.ToLine());
        channel.Flush();
    }
}
