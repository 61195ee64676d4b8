namespace Contest.Core.Dataset.Synthetic.Birds;

/// <summary>Picks a bird body plan and draws one.</summary>
internal static class Bird
{
    public static ObjectDrawing Create(DeterministicRandom random) =>
        random.Weighted([1.3f, 1f, 1f, 0.7f, 0.8f, 1f]) switch
        {
            0 => Songbird.Create(random),
            1 => Duck.Create(random),
            2 => FlyingBird.Create(random),
            3 => Penguin.Create(random),
            4 => Owl.Create(random),
            _ => Wader.Create(random),
        };
}
