using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Internal;

/// <summary>The logit arithmetic every attack shares. Column 0 = bicycle, 1 = bird.</summary>
internal static class Margins
{
    /// <summary>The logit of the true class, [n].</summary>
    public static Tensor Correct(Tensor logits, Tensor labels) => logits.gather(1, labels.unsqueeze(1)).squeeze(1);

    /// <summary>The logit of the other class, [n].</summary>
    public static Tensor Wrong(Tensor logits, Tensor labels) => logits.gather(1, (1 - labels).unsqueeze(1)).squeeze(1);

    /// <summary>Wrong minus correct logit, [n]: positive when the defense is fooled.</summary>
    public static Tensor WrongMinusCorrect(Tensor logits, Tensor labels) => Wrong(logits, labels) - Correct(logits, labels);

    /// <summary>
    /// Whether the defense predicts the wrong class, [n] bool. The prediction is bird when
    /// logit[1] &gt; logit[0]; ties go to bicycle, as the original kit decided.
    /// </summary>
    public static Tensor Fooled(Tensor logits, Tensor labels)
    {
        var predicted = logits[.., 0].lt(logits[.., 1]).to(ScalarType.Int64);
        return predicted.ne(labels);
    }
}
