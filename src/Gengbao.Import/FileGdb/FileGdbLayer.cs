using System.Diagnostics.CodeAnalysis;
using Gengbao.Import.Model;
using Gengbao.Import.Shapefile;

namespace Gengbao.Import.FileGdb;

/// <summary>
/// A feature class of a File Geodatabase, read from its converted GeoPackage copy. Names the .gdb (not the
/// temporary copy) as its source, including in read errors, and deletes the copy when the last layer is disposed.
/// </summary>
public sealed class FileGdbLayer : SourceLayer
{
    private readonly TemporaryFolder _folder;
    private int _disposed;

    [SetsRequiredMembers]
    internal FileGdbLayer(SourceLayer converted, string gdbFolder, TemporaryFolder folder)
    {
        Converted = converted;
        _folder = folder;
        SourcePath = gdbFolder;
        Name = converted.Name;
        Fields = converted.Fields;
        Epsg = converted.Epsg;
        CrsDefinition = converted.CrsDefinition;
        FeatureCount = converted.FeatureCount;
    }

    /// <summary>The layer of the temporary GeoPackage (for its envelope and fid queries); disposed with this layer.</summary>
    public SourceLayer Converted { get; }

    public override IEnumerable<SourceFeature> ReadFeatures()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var features = Converted.ReadFeatures().GetEnumerator();
        while (true)
        {
            try
            {
                if (!features.MoveNext())
                {
                    yield break;
                }
            }
            catch (SourceFileException e)
            {
                throw new SourceFileException(SourcePath, Name, $"{e.Problem} (in the GeoPackage converted from it)", e);
            }
            yield return features.Current;
        }
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Converted.Dispose();
            _folder.Release();
        }
        base.Dispose();
    }
}
