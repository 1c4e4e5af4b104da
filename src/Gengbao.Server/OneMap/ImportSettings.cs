namespace Gengbao.Server.OneMap;

/// <summary>
/// Where uploads for one-map imports go and how large one may be. <c>Gengbao:Imports:Folder</c> defaults to
/// <c>$GENGBAO_HOME/.data/imports</c>; with several web servers it must be storage they all share (the server that
/// takes the upload need not be the one whose worker imports it). <c>Gengbao:Imports:MaxBytes</c> (default 2 GiB) is
/// this endpoint's own request limit: survey GeoPackages run to hundreds of MB, far above every other upload's.
/// </summary>
public sealed record ImportSettings(string Folder, long MaxBytes)
{
    public const long DefaultMaxBytes = 2L * 1024 * 1024 * 1024;

    public static ImportSettings From(IConfiguration configuration)
    {
        var home = Environment.GetEnvironmentVariable("GENGBAO_HOME") is { Length: > 0 } h ? h : Directory.GetCurrentDirectory();
        var folder = configuration["Gengbao:Imports:Folder"] is { Length: > 0 } f ? f : Path.Combine(home, ".data", "imports");
        return new ImportSettings(Path.GetFullPath(folder), configuration.GetValue("Gengbao:Imports:MaxBytes", DefaultMaxBytes));
    }
}
