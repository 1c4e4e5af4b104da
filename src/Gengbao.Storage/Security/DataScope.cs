using Gengbao.Security.Access;

namespace Gengbao.Storage.Security;

/// <summary>
/// Who a request's queries run as in PostgreSQL: a request role (never the owner) and the value of the
/// <c>gengbao.region</c> setting that the row-level security policies read (migration 0004).
/// </summary>
public sealed record DataScope
{
    public const string WebRole = "gengbao_web";
    public const string PublicRole = "gengbao_public";

    private DataScope(string databaseRole, string region) => (DatabaseRole, Region) = (databaseRole, region);

    /// <summary><see cref="WebRole"/> or <see cref="PublicRole"/>: constants only, because SET ROLE cannot take a parameter.</summary>
    public string DatabaseRole { get; }

    /// <summary>"all", an admin-code prefix, or "" (nothing visible).</summary>
    public string Region { get; }

    /// <summary>A logged-in user: the rows of his region.</summary>
    public static DataScope ForRegion(RegionScope region) => new(WebRole, region.SettingValue);

    /// <summary>Anonymous readers: the columns graded public, of every county (the QR parcel page).</summary>
    public static DataScope Public { get; } = new(PublicRole, "all");

    /// <summary>No rows at all: what a request without a user gets if it reaches a scoped store.</summary>
    public static DataScope Nothing { get; } = new(WebRole, "");
}
