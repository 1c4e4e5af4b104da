namespace Gengbao.Import.Shapefile;

/// <summary>
/// A folder under the system temp directory that the layers opened from it share (an extracted zip, a converted
/// File Geodatabase). Each layer holds one reference; the folder is deleted when the last one is released.
/// </summary>
internal sealed class TemporaryFolder
{
    private int _references;

    private TemporaryFolder(string path) => Path = path;

    public string Path { get; }

    public static TemporaryFolder Create(string prefix)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return new TemporaryFolder(path) { _references = 1 };
    }

    /// <summary>Adds references for layers beyond the creator's; call before handing the folder out.</summary>
    public void AddReferences(int count) => Interlocked.Add(ref _references, count);

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            Delete();
        }
    }

    private void Delete()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a file still open elsewhere (Windows) leaves the folder for the OS temp cleaner.
        }
    }
}
