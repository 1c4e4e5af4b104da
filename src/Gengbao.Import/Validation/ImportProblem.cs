namespace Gengbao.Import.Validation;

/// <summary>
/// One problem found in a source, located as precisely as the source allows: file, layer, feature (its fid and, when
/// the layer has one, its identifier such as BSM or JCBH) and field.
/// </summary>
public sealed record ImportProblem(string Path, string Layer, long? Fid, string? FeatureKey, string? Field, string Message)
{
    public override string ToString()
    {
        var where = $"{System.IO.Path.GetFileName(Path)}: layer {Layer}";
        if (Fid is not null)
        {
            where += FeatureKey is null ? $": feature {Fid}" : $": feature {Fid} ({FeatureKey})";
        }
        if (Field is not null)
        {
            where += $": field {Field}";
        }
        return $"{where}: {Message}";
    }
}
