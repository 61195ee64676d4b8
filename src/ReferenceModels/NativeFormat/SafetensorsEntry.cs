namespace Contest.ReferenceModels.NativeFormat;

/// <summary>One tensor's entry in a safetensors header; offsets are relative to the data after the header.</summary>
public sealed record SafetensorsEntry(string Name, string Dtype, IReadOnlyList<long> Shape, long Begin, long End);
