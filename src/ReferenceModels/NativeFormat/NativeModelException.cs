namespace Contest.ReferenceModels.NativeFormat;

/// <summary>A native model file refused by <see cref="NativeModelReader"/>; the message says which rule it broke.</summary>
public sealed class NativeModelException(string message, Exception? inner = null) : Exception(message, inner);
