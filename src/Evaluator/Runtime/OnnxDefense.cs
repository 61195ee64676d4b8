using Contest.Core.Rules;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = TorchSharp.torch.Tensor;
using static TorchSharp.torch;

namespace Contest.Evaluator.Runtime;

/// <summary>
/// An ONNX defense run by ONNX Runtime on the CPU (the CPU build is what ships). Forward only: ONNX
/// Runtime gives no input gradients, so white-box attacks skip ONNX defenses and say so. Inputs on
/// another device are copied to the host for the call and the logits copied back.
/// </summary>
public sealed class OnnxDefense : IDefenseModel
{
    private readonly InferenceSession _session;
    private readonly string _inputName;

    private OnnxDefense(string name, InferenceSession session, string inputName, Device device)
    {
        Name = name;
        Device = device;
        _session = session;
        _inputName = inputName;
    }

    public string Name { get; }

    /// <summary>The device callers keep tensors on; the session itself runs on the CPU.</summary>
    public Device Device { get; }

    public bool SupportsInputGradients => false;

    /// <summary>Opens the model and checks it takes one float32 image tensor.</summary>
    public static OnnxDefense Load(string path, Device device, string? name = null)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        var session = new InferenceSession(path, options);
        var inputs = session.InputMetadata;
        if (inputs.Count != 1)
        {
            session.Dispose();
            throw new DefenseContractException($"the ONNX model has {inputs.Count} inputs; it must take exactly one: images [N,{ImageSpec.Channels},{ImageSpec.Side},{ImageSpec.Side}].");
        }
        var (inputName, meta) = inputs.First();
        if (meta.ElementType != typeof(float))
        {
            session.Dispose();
            throw new DefenseContractException($"the ONNX model's input '{Contest.Core.Text.ModelText.Clean(inputName, 60)}' is {meta.ElementType.Name}; it must be float32 images.");
        }
        if (session.OutputMetadata.Count == 0)
        {
            session.Dispose();
            throw new DefenseContractException("the ONNX model has no outputs; it must output logits [N,2].");
        }
        return new OnnxDefense(name ?? Path.GetFileName(path), session, inputName, device);
    }

    public Tensor Forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var host = images.to(float32).cpu().contiguous();
        var shape = host.shape.Select(d => (int)d).ToArray();
        var input = new DenseTensor<float>(host.data<float>().ToArray(), shape);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, input)]);
        var first = results.First();
        if (first.Value is not DenseTensor<float> output)
            throw new DefenseContractException($"the ONNX model's first output is {first.Value?.GetType().Name ?? "empty"}; it must be float32 logits [N,2].");
        var logits = tensor(output.Buffer.ToArray(), output.Dimensions.ToArray().Select(d => (long)d).ToArray());
        return logits.to(Device).MoveToOuterDisposeScope();
    }

    public Tensor ForwardWithGradients(Tensor images) =>
        throw new NotSupportedException("ONNX defenses are forward-only: ONNX Runtime gives no input gradients.");

    public void Dispose() => _session.Dispose();
}
