namespace Gengbao.Storage.Cluster;

/// <summary>Where the private PostgreSQL cluster lives and how to reach it. Only 127.0.0.1 is ever listened on.</summary>
public sealed record ClusterSettings(string DataDirectory, int Port, string Database = "gengbao", string User = "gengbao")
{
    public const int DefaultPort = 55432;

    public string PasswordFile => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(DataDirectory))!, Path.GetFileName(DataDirectory) + ".password");

    public string LogFile => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(DataDirectory))!, Path.GetFileName(DataDirectory) + ".log");

    /// <summary>
    /// The project's cluster: <c>$GENGBAO_HOME/.data/pg</c> (the folder the <c>./gengbao</c> script runs from),
    /// port <c>$GENGBAO_DB_PORT</c> or 55432.
    /// </summary>
    public static ClusterSettings FromEnvironment()
    {
        var home = Environment.GetEnvironmentVariable("GENGBAO_HOME") is { Length: > 0 } h ? h : Directory.GetCurrentDirectory();
        var port = int.TryParse(Environment.GetEnvironmentVariable("GENGBAO_DB_PORT"), out var p) ? p : DefaultPort;
        return new ClusterSettings(Path.Combine(home, ".data", "pg"), port);
    }
}
