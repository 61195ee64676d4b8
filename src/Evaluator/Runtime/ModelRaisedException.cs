using System.Runtime.InteropServices;

namespace Contest.Evaluator.Runtime;

/// <summary>
/// The defense's own code raised while running forward (libtorch's error, wrapped where the model is
/// called). Kept apart from libtorch errors in the evaluator's own tensor code, which are not the
/// defense's fault and are retried. The message is libtorch's, quoting the model: for its team only.
/// </summary>
public sealed class ModelRaisedException(ExternalException inner) : ExternalException(inner.Message, inner);
