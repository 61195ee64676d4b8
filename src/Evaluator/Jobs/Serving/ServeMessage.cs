using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contest.Evaluator.Jobs.Serving;

/// <summary>
/// One line of the conversation between a worker and its warm model process (`serve-model`), as
/// JSON. The worker sends requests (<see cref="Id"/> and <see cref="Images"/>, paths relative to the
/// process's folder); the process answers once it has loaded the model (<see cref="Ready"/>, or
/// <see cref="Failure"/> and exit), then once per request, in order: logits per image, a reason per
/// image the defense failed on (non-finite logits), or one failure for the whole request.
/// </summary>
public sealed record ServeMessage
{
    /// <summary>The longest line either side accepts (a batch of logits is far shorter).</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>The most images in one request.</summary>
    public const int MaxImages = 64;

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public bool Ready { get; init; }

    public long Id { get; init; }

    public IReadOnlyList<string>? Images { get; init; }

    /// <summary>[bicycle, bird] per image, in the request's order (zeros where the image failed).</summary>
    public IReadOnlyList<float[]>? Logits { get; init; }

    /// <summary>Per image: null, or why the defense failed on that image alone.</summary>
    public IReadOnlyList<string?>? ImageFailures { get; init; }

    /// <summary>The request (or loading) failed as a whole.</summary>
    public JobFailure? Failure { get; init; }

    public string ToLine() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses one line; null when it is not a message of this protocol.</summary>
    public static ServeMessage? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<ServeMessage>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
