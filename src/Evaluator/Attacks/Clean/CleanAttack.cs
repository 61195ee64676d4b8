using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Clean;

/// <summary><c>clean</c>, the "null attack": the images unchanged, scored once.</summary>
internal sealed class CleanAttack(AttackProfile profile) : IAttack
{
    public string Name => "clean";

    public AttackProfile Profile => profile;

    public string Description => "The clean images, unchanged.";

    public IReadOnlyList<AttackParameter> Parameters => [];

    public int? ImageLimit => null;

    public AttackResult Run(AttackInput input, CancellationToken cancellationToken = default)
    {
        var session = new AttackSession(input, cancellationToken);
        using var scope = NewDisposeScope();
        var logits = session.Logits(input.Images);
        session.Completed(session.ImagesTotal);
        // An alias shares the input's storage: the result owns a handle, not a 150 MB copy.
        return AttackResult.Completed(input.Images.alias().DetachFromDisposeScope(), logits.DetachFromDisposeScope(), session.ForwardImages);
    }
}
