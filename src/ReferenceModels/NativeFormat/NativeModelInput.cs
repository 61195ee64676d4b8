using System.Text.Json.Serialization;

namespace Contest.ReferenceModels.NativeFormat;

/// <summary>What the network takes: images of <see cref="Shape"/> (-1: any batch size) with pixels in <see cref="Range"/>.</summary>
public sealed record NativeModelInput(
    [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape,
    [property: JsonPropertyName("range")] IReadOnlyList<double> Range);
