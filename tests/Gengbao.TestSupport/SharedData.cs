namespace Gengbao.TestSupport;

/// <summary>Paths of the shared fixtures (../shared beside the repository) and of the repository itself.</summary>
public static class SharedData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Directory => Path.Combine(Path.GetDirectoryName(RepositoryRoot)!, "shared", "data");

    public static string SampleGeoPackage => Path.Combine(Directory, "sample_S.gpkg");

    public static string File(string name) => Path.Combine(Directory, name);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Gengbao.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Gengbao.slnx) above " + AppContext.BaseDirectory);
    }
}
