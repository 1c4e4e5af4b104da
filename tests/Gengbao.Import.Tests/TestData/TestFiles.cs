using System.Runtime.CompilerServices;

namespace Gengbao.Import.Tests.TestData;

/// <summary>
/// Locates the committed fixtures (this folder, see make-fixtures.sh) from the source tree, so the test project
/// needs no copy-to-output items, and gives each test its own scratch folder.
/// </summary>
internal static class TestFiles
{
    public static string Folder { get; } = Locate();

    public static string PathTo(string relative) => Path.Combine(Folder, relative);

    private static string Locate([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
}

/// <summary>A uniquely named folder under the temp directory, deleted on dispose.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gengbao-test-" + Guid.NewGuid().ToString("N"));

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Copies the files of a fixture folder (or only those the filter keeps) into a new subfolder.</summary>
    public string CopyFixture(string fixtureFolder, Func<string, bool>? keep = null, string? target = null)
    {
        var destination = System.IO.Path.Combine(Path, target ?? fixtureFolder);
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(TestFiles.PathTo(fixtureFolder)))
        {
            if (keep?.Invoke(System.IO.Path.GetFileName(file)) ?? true)
            {
                System.IO.File.Copy(file, System.IO.Path.Combine(destination, System.IO.Path.GetFileName(file)));
            }
        }
        return destination;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
