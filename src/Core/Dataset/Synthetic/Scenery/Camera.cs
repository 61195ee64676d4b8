namespace Contest.Core.Dataset.Synthetic.Scenery;

/// <summary>
/// The camera's part of an image, drawn independently of the class: focus blur, exposure, contrast,
/// saturation, colour cast, uneven light, vignette and sensor grain.
/// </summary>
internal sealed record Camera(
    float BlurSigma,
    float Contrast,
    float Brightness,
    float Saturation,
    float GainRed,
    float GainGreen,
    float GainBlue,
    float LightAngle,
    float LightStrength,
    bool LightIsBright,
    float Vignette,
    float Noise,
    int Grain,
    int NoiseOffsetX,
    int NoiseOffsetY)
{
    public static Camera Pick(DeterministicRandom random)
    {
        var contrast = random.Range(0.7f, 1.25f);
        return new Camera(
            BlurSigma: random.Chance(0.55) ? 0 : random.Range(0.3f, 1.2f),
            Contrast: contrast,
            Brightness: random.Range(-0.15f, 0.15f) + (1 - contrast) * 0.5f,
            Saturation: random.Range(0.45f, 1.3f),
            GainRed: random.Range(0.85f, 1.15f),
            GainGreen: random.Range(0.88f, 1.12f),
            GainBlue: random.Range(0.85f, 1.15f),
            LightAngle: random.Range(0, MathF.Tau),
            LightStrength: random.Range(0, 0.3f),
            LightIsBright: random.Chance(0.5),
            Vignette: random.Chance(0.3) ? random.Range(0.15f, 0.45f) : 0,
            Noise: random.Chance(0.3) ? 0 : random.Range(0.02f, 0.16f),
            Grain: random.Chance(0.75) ? 1 : 2,
            NoiseOffsetX: random.Int(0, 256),
            NoiseOffsetY: random.Int(0, 256));
    }
}
