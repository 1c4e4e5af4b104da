using System.Globalization;
using System.Net;
using System.Text;

namespace Gengbao.Import.Quality;

/// <summary>Writes quality problems as CSV (UTF-8 with BOM, for Excel), a self-contained HTML page, and GeoJSON points.</summary>
public static class QualityReport
{
    public static string Csv(IEnumerable<QualityProblem> problems)
    {
        var s = new StringBuilder("\uFEFFlayer,fid,key,field,check,message,lon,lat,map\n");
        foreach (var p in problems)
        {
            s.AppendJoin(',', new[] { p.Layer, p.Fid?.ToString(CultureInfo.InvariantCulture), p.Key, p.Field, p.Check, p.Message,
                p.Lon?.ToString("F7", CultureInfo.InvariantCulture), p.Lat?.ToString("F7", CultureInfo.InvariantCulture), p.MapLink }.Select(Quote)).Append('\n');
        }
        return s.ToString();
    }

    public static string Html(string title, IReadOnlyCollection<QualityProblem> problems)
    {
        var s = new StringBuilder($"<!doctype html><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title>")
            .Append($"<h1>{WebUtility.HtmlEncode(title)}</h1><p>{problems.Count} problem(s)</p>")
            .Append("<table border=\"1\"><tr><th>layer</th><th>fid</th><th>key</th><th>field</th><th>check</th><th>message</th><th>location</th></tr>");
        foreach (var p in problems)
        {
            var at = p.MapLink is { } link
                ? $"<a href=\"{WebUtility.HtmlEncode(link)}\">{p.Lon?.ToString("F6", CultureInfo.InvariantCulture)}, {p.Lat?.ToString("F6", CultureInfo.InvariantCulture)}</a>"
                : "";
            s.Append("<tr>").AppendJoin("", new[] { p.Layer, p.Fid?.ToString(CultureInfo.InvariantCulture), p.Key, p.Field, p.Check, p.Message }
                .Select(v => $"<td>{WebUtility.HtmlEncode(v ?? "")}</td>")).Append($"<td>{at}</td></tr>");
        }
        return s.Append("</table>").ToString();
    }

    public static string GeoJson(IEnumerable<QualityProblem> problems)
    {
        var features = problems.Where(p => p.Lon is not null).Select(p => new Dictionary<string, object?>
        {
            ["type"] = "Feature",
            ["geometry"] = new Dictionary<string, object?> { ["type"] = "Point", ["coordinates"] = new[] { p.Lon, p.Lat } },
            ["properties"] = new Dictionary<string, object?>
            {
                ["layer"] = p.Layer, ["fid"] = p.Fid, ["key"] = p.Key, ["field"] = p.Field, ["check"] = p.Check, ["message"] = p.Message, ["map"] = p.MapLink,
            },
        });
        return System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["type"] = "FeatureCollection", ["features"] = features });
    }

    private static string Quote(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
