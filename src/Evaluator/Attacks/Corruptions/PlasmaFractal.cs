using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// The fog corruption's height map: the package's diamond-square algorithm on a 256x256 grid, one
/// map per image, vectorised over the batch. Each midpoint is the mean of its four neighbours plus
/// <c>wibble * U(-wibble, wibble)</c> (the package's own scaling); wibble starts at 100 and is divided
/// by the decay after every level. The map is normalised to [0,1].
/// </summary>
internal static class PlasmaFractal
{
    private const int MapSize = 256;

    public static Tensor Generate(long batch, double wibbleDecay, RandomSource random, Device device)
    {
        using var scope = NewDisposeScope();
        var map = zeros(batch, MapSize, MapSize, ScalarType.Float64, device);
        var wibble = 100.0;
        for (var step = MapSize; step >= 2; step /= 2)
        {
            var half = step / 2;
            // Squares: the centre of each square of corners.
            var corners = Grid(map, 0, step);
            var squares = corners + corners.roll(-1, 1);
            squares += squares.roll(-1, 2);
            Assign(map, half, half, step, WibbledMean(squares, wibble, random));
            // Diamonds: the edge midpoints, from the two adjacent centres and the two adjacent corners.
            var centres = Grid(map, half, step);
            var leftRight = centres + centres.roll(1, 1) + corners + corners.roll(-1, 2);
            Assign(map, 0, half, step, WibbledMean(leftRight, wibble, random));
            var topBottom = centres + centres.roll(1, 2) + corners + corners.roll(-1, 1);
            Assign(map, half, 0, step, WibbledMean(topBottom, wibble, random));
            wibble /= wibbleDecay;
        }
        var minimum = map.amin([1, 2], keepdim: true);
        map -= minimum;
        return (map / map.amax([1, 2], keepdim: true)).MoveToOuterDisposeScope();
    }

    private static Tensor Grid(Tensor map, int start, int step) =>
        map[.., TensorIndex.Slice(start, null, step), TensorIndex.Slice(start, null, step)].clone();

    private static void Assign(Tensor map, int rowStart, int columnStart, int step, Tensor values) =>
        map[.., TensorIndex.Slice(rowStart, null, step), TensorIndex.Slice(columnStart, null, step)] = values;

    private static Tensor WibbledMean(Tensor sums, double wibble, RandomSource random) =>
        sums / 4 + wibble * random.Uniform(sums.shape, -wibble, wibble, ScalarType.Float64);
}
