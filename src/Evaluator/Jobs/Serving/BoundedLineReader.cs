using System.Text;

namespace Contest.Evaluator.Jobs.Serving;

/// <summary>
/// Reads UTF-8 lines from a stream the other side may not be trusted with: a line longer than the
/// cap is an error instead of an ever-growing buffer. Reads byte by byte through a buffer, so what
/// follows a line stays in the stream's order.
/// </summary>
public sealed class BoundedLineReader(Stream stream, int maxLineBytes) : IDisposable
{
    private readonly byte[] _buffer = new byte[64 << 10];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;

    /// <summary>The next line without its end, or null at the end of the stream.</summary>
    public string? ReadLine() => ReadLineAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.SetLength(0);
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken);
                if (_end == 0)
                    return _line.Length > 0 ? Take() : null;
            }
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            if (_line.Length + (stop - _start) > maxLineBytes)
                throw new InvalidDataException($"a line is longer than {maxLineBytes} bytes.");
            _line.Write(_buffer, _start, stop - _start);
            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0)
                return Take();
        }
    }

    private string Take() => Encoding.UTF8.GetString(_line.GetBuffer(), 0, (int)_line.Length).TrimEnd('\r');

    public void Dispose() => _line.Dispose();
}
