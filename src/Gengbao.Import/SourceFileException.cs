namespace Gengbao.Import;

/// <summary>A source file that cannot be read at all (truncated, missing part, foreign format), naming file and layer.</summary>
public sealed class SourceFileException(string path, string? layer, string message, Exception? inner = null)
    : Exception(layer is null ? $"{path}: {message}" : $"{path}: layer {layer}: {message}", inner)
{
    public string Path { get; } = path;
    public string? Layer { get; } = layer;
    public string Problem { get; } = message;
}
