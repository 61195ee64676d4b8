using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Spsa;

/// <summary>
/// The images SPSA is working on right now, with their Adam state. Finished images leave and new ones
/// join between steps, so forward batches stay full even when images stop early. Owns its tensors.
/// </summary>
internal sealed class SpsaBatch : IDisposable
{
    private readonly List<int> _indices = [];
    private readonly List<int> _steps = [];
    private Tensor? _origins;
    private Tensor? _labels;
    private Tensor? _perturbations;
    private Tensor? _firstMoments;
    private Tensor? _secondMoments;

    public int Count => _indices.Count;

    public IReadOnlyList<int> Indices => _indices;

    public IReadOnlyList<int> Steps => _steps;

    public Tensor Origins => _origins!;

    public Tensor Labels => _labels!;

    public Tensor Perturbations => _perturbations!;

    /// <summary>Adds images (global <paramref name="indices"/>) with their starting perturbations and fresh Adam state.</summary>
    public void Admit(IReadOnlyList<int> indices, Tensor origins, Tensor labels, Tensor perturbations)
    {
        _indices.AddRange(indices);
        _steps.AddRange(indices.Select(_ => 0));
        Append(ref _origins, origins);
        Append(ref _labels, labels);
        Append(ref _perturbations, perturbations);
        Append(ref _firstMoments, zeros_like(perturbations));
        Append(ref _secondMoments, zeros_like(perturbations));
    }

    /// <summary>One Adam step on every image (cleverhans' TensorAdam, each image with its own step count), then projection.</summary>
    public void Update(Tensor gradient, SpsaOptions options)
    {
        using var scope = NewDisposeScope();
        for (var i = 0; i < _steps.Count; i++)
            _steps[i]++;
        var t = tensor(_steps.Select(s => (double)s).ToArray(), ScalarType.Float64, gradient.device);
        var shape = new long[] { -1, 1, 1, 1 };
        var firstCorrection = (1 - pow(SpsaOptions.Beta1, t)).to(ScalarType.Float32).reshape(shape);
        var secondCorrection = (1 - pow(SpsaOptions.Beta2, t)).to(ScalarType.Float32).reshape(shape);
        _firstMoments!.mul_(SpsaOptions.Beta1).add_(gradient, alpha: 1 - SpsaOptions.Beta1);
        _secondMoments!.mul_(SpsaOptions.Beta2).add_(gradient * gradient, alpha: 1 - SpsaOptions.Beta2);
        var step = (_firstMoments / firstCorrection) / ((_secondMoments / secondCorrection).sqrt_() + SpsaOptions.AdamEpsilon);
        Perturbations.sub_(step.mul_(options.LearningRate));
        Project(Perturbations, Origins, options.Epsilon);
    }

    /// <summary>Keeps the images where <paramref name="keep"/> is true, in order.</summary>
    public void Retain(bool[] keep)
    {
        for (var i = keep.Length - 1; i >= 0; i--)
        {
            if (keep[i])
                continue;
            _indices.RemoveAt(i);
            _steps.RemoveAt(i);
        }
        using var rows = tensor(Enumerable.Range(0, keep.Length).Where(i => keep[i]).Select(i => (long)i).ToArray(), device: Origins.device);
        Select(ref _origins, rows);
        Select(ref _labels, rows);
        Select(ref _perturbations, rows);
        Select(ref _firstMoments, rows);
        Select(ref _secondMoments, rows);
    }

    /// <summary>cleverhans' projection: clip the perturbation to [-eps, eps], then the image to [0,1].</summary>
    public static void Project(Tensor perturbations, Tensor origins, double epsilon)
    {
        using var scope = NewDisposeScope();
        perturbations.clamp_(-epsilon, epsilon);
        perturbations.copy_((origins + perturbations).clamp_(0, 1) - origins);
    }

    public void Dispose()
    {
        _origins?.Dispose();
        _labels?.Dispose();
        _perturbations?.Dispose();
        _firstMoments?.Dispose();
        _secondMoments?.Dispose();
    }

    private static void Append(ref Tensor? field, Tensor rows)
    {
        var joined = field is null ? rows.clone() : cat([field, rows], 0);
        field?.Dispose();
        field = joined.DetachFromDisposeScope();
    }

    private static void Select(ref Tensor? field, Tensor rows)
    {
        var kept = field!.index_select(0, rows);
        field.Dispose();
        field = kept.DetachFromDisposeScope();
    }
}
