namespace Contest.Core.Dataset.Synthetic;

/// <summary>One generated image: its JPEG bytes, the main object's box and kind.</summary>
internal sealed record RenderedImage(byte[] Jpeg, BoundingBox Box, string Kind);
