using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic.Bicycles;

/// <summary>
/// The key points of a bicycle in profile (rear axle at the origin, facing +x, y down), from which
/// the frame, wheels and fittings are drawn.
/// </summary>
internal sealed class Geometry
{
    public required BicycleKind Kind { get; init; }

    public required float WheelRadius { get; init; }

    public required SKPoint RearAxle { get; init; }

    public required SKPoint FrontAxle { get; init; }

    public required SKPoint BottomBracket { get; init; }

    public required SKPoint SeatTop { get; init; }

    public required SKPoint HeadBottom { get; init; }

    public required SKPoint HeadTop { get; init; }

    public required SKPoint Saddle { get; init; }

    public required SKPoint StemEnd { get; init; }

    public required float TubeWidth { get; init; }

    public required float TyreWidth { get; init; }

    public static Geometry Create(BicycleKind kind, DeterministicRandom random)
    {
        var small = kind == BicycleKind.SmallWheel;
        var radius = small ? random.Range(19, 24) : random.Range(31, 36);
        var wheelbase = small ? random.Range(76, 88) : kind == BicycleKind.Mountain ? random.Range(104, 114) : random.Range(98, 110);
        var bbDrop = small ? random.Range(-4, 2) : random.Range(2, 9);
        var bottomBracket = new SKPoint(wheelbase * random.Range(0.38f, 0.44f), bbDrop);
        var seatAngle = random.Range(70, 75);
        var seatTubeLength = kind switch
        {
            BicycleKind.Road => random.Range(50, 58),
            BicycleKind.City => random.Range(46, 54),
            BicycleKind.Mountain => random.Range(38, 46),
            _ => random.Range(30, 40),
        };
        var seatTop = Up(bottomBracket, seatAngle, seatTubeLength);
        var headAngle = random.Range(68, 74);
        var front = new SKPoint(wheelbase, 0);
        var headBottom = Up(front, headAngle, radius + (kind == BicycleKind.Mountain ? 14 : 6));
        var headLength = kind switch
        {
            BicycleKind.Road => random.Range(10, 16),
            BicycleKind.Mountain => random.Range(10, 14),
            BicycleKind.City => random.Range(14, 20),
            _ => random.Range(10, 14),
        };
        var headTop = Up(headBottom, headAngle, headLength);
        var post = kind == BicycleKind.SmallWheel ? random.Range(18, 34) : random.Range(8, 18);
        var saddle = Up(seatTop, seatAngle, post);
        var stemRise = kind switch
        {
            BicycleKind.City => random.Range(8, 14),
            BicycleKind.SmallWheel => random.Range(4, 24),
            _ => random.Range(2, 6),
        };
        var stemEnd = new SKPoint(Up(headTop, headAngle, stemRise).X + (kind == BicycleKind.City ? 2 : random.Range(5, 10)), Up(headTop, headAngle, stemRise).Y);
        return new Geometry
        {
            Kind = kind,
            WheelRadius = radius,
            RearAxle = new SKPoint(0, 0),
            FrontAxle = front,
            BottomBracket = bottomBracket,
            SeatTop = seatTop,
            HeadBottom = headBottom,
            HeadTop = headTop,
            Saddle = saddle,
            StemEnd = stemEnd,
            TubeWidth = kind switch
            {
                BicycleKind.Road => random.Range(2.6f, 3.6f),
                BicycleKind.Mountain => random.Range(3.8f, 5f),
                _ => random.Range(3.2f, 4.4f),
            },
            TyreWidth = kind switch
            {
                BicycleKind.Road => random.Range(2.4f, 3.2f),
                BicycleKind.City => random.Range(3.4f, 4.4f),
                BicycleKind.Mountain => random.Range(5f, 6.5f),
                _ => random.Range(4f, 5.5f),
            },
        };
    }

    /// <summary>A point along a tube leaning back at <paramref name="degrees"/> from the horizontal.</summary>
    public static SKPoint Up(SKPoint from, float degrees, float length)
    {
        var r = degrees * MathF.PI / 180;
        return new SKPoint(from.X - MathF.Cos(r) * length, from.Y - MathF.Sin(r) * length);
    }
}
