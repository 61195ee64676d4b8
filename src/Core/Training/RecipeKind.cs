namespace Contest.Core.Training;

/// <summary>The training methods of the built-in baselines.</summary>
public enum RecipeKind
{
    /// <summary>Cross-entropy on clean (augmented) images.</summary>
    Undefended,

    /// <summary>Madry et al. (2018): cross-entropy on L-inf PGD adversarial images.</summary>
    AdversarialPgd,

    /// <summary>Zhang et al. (2019): clean cross-entropy plus beta times KL(clean || adversarial).</summary>
    Trades,

    /// <summary>Ghazi et al. (2021): cross-entropy on labels released by randomized response, in stages (LP-MST).</summary>
    LabelDp,
}

/// <summary>How a label-DP run releases each training label.</summary>
public enum LabelMechanism
{
    /// <summary>Plain randomized response (every stage, LP-1ST's mechanism).</summary>
    RandomizedResponse,

    /// <summary>RR-with-prior: from stage 2 on, the previous stage's model is the prior.</summary>
    RrWithPrior,
}

/// <summary>How much a recipe does: sized for two CPU cores, or the paper-like form for a GPU.</summary>
public enum TrainingProfile
{
    /// <summary>Sized for two CPU cores: the small ResNet, part of extras, few attack steps.</summary>
    Quick,

    /// <summary>The paper-like form for a GPU: ResNet-18 on all of train and extras.</summary>
    Full,
}

/// <summary>The recipes' names on the wire, in records and in defense names ("baseline-undefended").</summary>
public static class RecipeNames
{
    /// <summary>The recipe's name, for example "adversarial_pgd".</summary>
    public static string Of(RecipeKind recipe) => recipe switch
    {
        RecipeKind.Undefended => "undefended",
        RecipeKind.AdversarialPgd => "adversarial_pgd",
        RecipeKind.Trades => "trades",
        RecipeKind.LabelDp => "label_dp",
        _ => throw new ArgumentOutOfRangeException(nameof(recipe)),
    };

    /// <summary>The recipe named <paramref name="name"/>, if any.</summary>
    public static bool TryParse(string name, out RecipeKind recipe)
    {
        foreach (var candidate in Enum.GetValues<RecipeKind>())
        {
            if (Of(candidate) == name)
            {
                recipe = candidate;
                return true;
            }
        }
        recipe = default;
        return false;
    }
}

