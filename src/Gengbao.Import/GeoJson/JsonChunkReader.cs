using System.Text;
using System.Text.Json;

namespace Gengbao.Import.GeoJson;

/// <summary>
/// Pulls JSON from a stream through a growing buffer with <see cref="Utf8JsonReader"/>, so a 1 GB file is read
/// in chunks: the caller either takes one token (to walk the top-level object) or one whole value (a feature),
/// whose bytes stay valid until the next call. Nesting deeper than <see cref="MaxNesting"/> is an error.
/// </summary>
/// <remarks>
/// <see cref="Utf8JsonReader"/> is a ref struct and cannot live across calls (or across the yields of the feature
/// iterator), so each call makes a new reader from the saved <see cref="JsonReaderState"/>. When the data ends
/// inside a token or value, nothing is committed: the buffer is refilled (and grown) and the call starts over.
/// Readers are never told the block is final: the walk stops at the root's closing brace, so running out of
/// data always means the file is truncated, which <see cref="LoadMore"/> then says in those words.
/// </remarks>
internal sealed class JsonChunkReader
{
    /// <summary>Most nested containers allowed (the root object counts as one).</summary>
    public const int MaxNesting = 64;

    /// <summary>Largest single value (one feature) held in memory at once.</summary>
    public const int MaxValueBytes = 256 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly string _path;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _isFinal;
    private long _bufferOffset; // file offset of _buffer[0]
    private JsonReaderState _state;
    private int _valueStart; // where the value read by TryReadWholeValue starts, relative to _start

    public JsonChunkReader(Stream stream, string path)
    {
        _stream = stream;
        _path = path;
        // The reader's own limit sits above ours so that our clearer message is the one raised.
        _state = new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxNesting + 2 });
        Fill();
        if (_buffer.AsSpan(_start, _end - _start).StartsWith(Encoding.UTF8.Preamble))
        {
            _start += Encoding.UTF8.Preamble.Length;
        }
    }

    /// <summary>Type of the token read by <see cref="ReadToken"/> or the first token of the value read by <see cref="ReadValue"/>.</summary>
    public JsonTokenType TokenType { get; private set; }

    /// <summary>Reads one token; for property names and strings <paramref name="text"/> is the unescaped string.</summary>
    public JsonTokenType ReadToken(out string? text)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), isFinalBlock: false, _state);
            bool read;
            try
            {
                read = reader.Read();
            }
            catch (JsonException e)
            {
                throw Invalid(e);
            }
            if (read)
            {
                CheckNesting(ref reader);
                TokenType = reader.TokenType;
                text = reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String ? reader.GetString() : null;
                Commit(ref reader);
                return TokenType;
            }
            LoadMore();
        }
    }

    /// <summary>
    /// Reads the next whole value (scalar, object or array) and returns its bytes, valid until the next call.
    /// When the next token closes the enclosing array or object instead, returns empty with <see cref="TokenType"/> set to it.
    /// </summary>
    public ReadOnlyMemory<byte> ReadValue()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), isFinalBlock: false, _state);
            bool complete;
            try
            {
                complete = TryReadWholeValue(ref reader);
            }
            catch (JsonException e)
            {
                throw Invalid(e);
            }
            if (complete)
            {
                var valueStart = _valueStart;
                var bytes = _buffer.AsMemory(_start + valueStart, (int)reader.BytesConsumed - valueStart);
                Commit(ref reader);
                return TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject ? ReadOnlyMemory<byte>.Empty : bytes;
            }
            LoadMore();
        }
    }

    private bool TryReadWholeValue(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }
        TokenType = reader.TokenType;
        _valueStart = (int)reader.TokenStartIndex;
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return true;
        }
        CheckNesting(ref reader);
        var depth = reader.CurrentDepth;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    CheckNesting(ref reader);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray when reader.CurrentDepth == depth:
                    return true;
            }
        }
        return false;
    }

    private void CheckNesting(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxNesting)
        {
            throw new SourceFileException(_path, null,
                $"the JSON is nested more than {MaxNesting} levels deep (at byte {_bufferOffset + _start + reader.TokenStartIndex}); GeoJSON never needs that many, so the file is refused");
        }
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    /// <summary>Makes room (compacting, then doubling up to <see cref="MaxValueBytes"/>) and reads more of the stream.</summary>
    private void LoadMore()
    {
        if (_isFinal)
        {
            throw new SourceFileException(_path, null, $"the JSON ends unexpectedly at byte {_bufferOffset + _end}: the file is truncated");
        }
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxValueBytes)
            {
                throw new SourceFileException(_path, null,
                    $"a single value at byte {_bufferOffset} is larger than {MaxValueBytes / (1024 * 1024)} MiB; split the file or simplify the geometry");
            }
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxValueBytes));
        }
        Fill();
    }

    private void Fill()
    {
        while (_end < _buffer.Length)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _isFinal = true;
                return;
            }
            _end += read;
        }
    }

    private SourceFileException Invalid(JsonException e) =>
        new(_path, null, $"not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1} of that line: {e.Message}", e);
}
