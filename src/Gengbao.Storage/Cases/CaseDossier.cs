using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Gengbao.Cases;
using NetTopologySuite.Geometries;

namespace Gengbao.Storage.Cases;

/// <summary>
/// The case dossier (案卷): a ZIP with <c>manifest.json</c> (case, sources, history, tasks, attachments with SHA-256),
/// every attachment under <c>attachments/</c>, <c>map.svg</c> (the case polygon over the surrounding DLTB parcels) and a
/// print-friendly <c>summary.html</c>. Entries carry the case's last change as their time, so the same case state
/// gives the same bytes (the archive record keeps their hash).
/// </summary>
public static class CaseDossier
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static byte[] Build(CaseDetail detail, IReadOnlyList<(CaseAttachmentView View, byte[] Content)> attachments,
        IReadOnlyList<(string Dlbm, Geometry Geometry)> parcels)
    {
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentNullException.ThrowIfNull(attachments);
        ArgumentNullException.ThrowIfNull(parcels);
        var stamp = detail.Case.UpdatedAt;
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var files = attachments.Select(a => new
            {
                a.View.Id, a.View.FileName, a.View.ContentType, a.View.Sha256, a.View.Size, a.View.EventId,
                Path = $"attachments/{a.View.Id}-{Safe(a.View.FileName)}",
            }).ToList();
            var manifest = new
            {
                format = "gengbao-case-dossier/1",
                @case = detail.Case,
                geometryWkt = detail.Geometry.AsText(),
                measuredGeometryWkt = detail.MeasuredGeometry?.AsText(),
                detail.Reason,
                detail.Judgement,
                sources = detail.SourceReports,
                history = detail.History,
                tasks = detail.Tasks,
                attachments = files,
            };
            Add(zip, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest, Json), stamp);
            foreach (var (file, (_, content)) in files.Zip(attachments))
            {
                Add(zip, file.Path, content, stamp);
            }
            Add(zip, "map.svg", Encoding.UTF8.GetBytes(MapSvg(detail, parcels)), stamp);
            Add(zip, "summary.html", Encoding.UTF8.GetBytes(SummaryHtml(detail, files.Select(f => (f.Path, f.FileName, f.Sha256)).ToList())), stamp);
        }
        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content, DateTimeOffset stamp)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = stamp.Year < 1980 ? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero) : stamp;
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static string Safe(string name)
    {
        var safe = new string([.. Path.GetFileName(name).Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
        return safe.Length == 0 ? "file" : safe;
    }

    /// <summary>An SVG in a local equirectangular projection (x scaled by cos latitude), north up, 800 px wide.</summary>
    public static string MapSvg(CaseDetail detail, IReadOnlyList<(string Dlbm, Geometry Geometry)> parcels)
    {
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentNullException.ThrowIfNull(parcels);
        var box = new Envelope(detail.Geometry.EnvelopeInternal);
        box.ExpandBy(Math.Max(0.0005, Math.Max(box.Width, box.Height) * 0.5));
        var k = Math.Cos(box.Centre.Y * Math.PI / 180);
        const double width = 800;
        var scale = width / (box.Width * k);
        var height = Math.Ceiling(box.Height * scale);
        string Path(Geometry g)
        {
            var d = new StringBuilder();
            for (var i = 0; i < g.NumGeometries; i++)
            {
                var part = g.GetGeometryN(i);
                IEnumerable<Geometry> rings = part is Polygon p ? [p.ExteriorRing, .. p.InteriorRings] : [part];
                foreach (var ring in rings)
                {
                    var first = true;
                    foreach (var c in ring.Coordinates)
                    {
                        d.Append(first ? 'M' : 'L')
                         .Append(((c.X - box.MinX) * k * scale).ToString("0.#", CultureInfo.InvariantCulture)).Append(',')
                         .Append(((box.MaxY - c.Y) * scale).ToString("0.#", CultureInfo.InvariantCulture)).Append(' ');
                        first = false;
                    }
                    d.Append(part is Polygon ? "Z " : "");
                }
            }
            return d.ToString().TrimEnd();
        }
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        foreach (var (dlbm, geometry) in parcels)
        {
            var fill = dlbm.StartsWith("01", StringComparison.Ordinal) ? "#f3e9b5" : "#e8e8e8";
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{Path(geometry)}\" fill=\"{fill}\" stroke=\"#999999\" stroke-width=\"0.5\"><title>{WebUtility.HtmlEncode(dlbm)}</title></path>\n");
        }
        var colour = detail.Case.Code switch { "red" => "#d7263d", "green" => "#1b998b", _ => "#f4b400" };
        if (detail.Geometry.Dimension == NetTopologySuite.Geometries.Dimension.Point)
        {
            var c = detail.Geometry.Coordinate;
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{((c.X - box.MinX) * k * scale):0.#}\" cy=\"{((box.MaxY - c.Y) * scale):0.#}\" r=\"8\" fill=\"{colour}\"/>\n");
        }
        else
        {
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{Path(detail.Geometry)}\" fill=\"{colour}\" fill-opacity=\"0.35\" stroke=\"{colour}\" stroke-width=\"2\"/>\n");
        }
        if (detail.MeasuredGeometry is { } measured)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{Path(measured)}\" fill=\"none\" stroke=\"#000000\" stroke-dasharray=\"6 3\" stroke-width=\"1.5\"/>\n");
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string SummaryHtml(CaseDetail d, IReadOnlyList<(string Path, string FileName, string Sha256)> files)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var state = CaseNames.TryParse<CaseState>(d.Case.State, out var parsed) ? CaseNames.Label(parsed) : d.Case.State;
        var code = CaseNames.TryParse<CaseCode>(d.Case.Code, out var c) ? CaseNames.Label(c) : d.Case.Code;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>案卷 ").Append(d.Case.Id).Append("</title>\n");
        html.Append("<style>body{font-family:serif;margin:2cm;color:#000}table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:4px;text-align:left;vertical-align:top}@media print{a{color:#000}}</style></head><body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>耕地保护问题案卷 第 {d.Case.Id} 号</h1>\n<table>\n");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>标题</th><td>{E(d.Case.Title)}</td></tr><tr><th>赋码</th><td>{E(code)}</td></tr><tr><th>状态</th><td>{E(state)}</td></tr>\n");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>县</th><td>{E(d.Case.CountyCode)}</td></tr><tr><th>乡镇/村</th><td>{E(d.Case.TownCode)} / {E(d.Case.UnitCode)}</td></tr>\n");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>面积（平方米）</th><td>{d.Case.AreaM2}</td></tr><tr><th>核查认定</th><td>{E(d.Judgement)}</td></tr><tr><th>说明</th><td>{E(d.Reason)}</td></tr>\n");
        html.Append("</table>\n<h2>问题来源</h2>\n<table><tr><th>来源</th><th>编号</th><th>接收时间</th></tr>\n");
        foreach (var s in d.SourceReports)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(s.Kind)}</td><td>{E(s.ExternalNumber)}</td><td>{s.ReceivedAt:yyyy-MM-dd HH:mm}</td></tr>\n");
        }
        html.Append("</table>\n<h2>办理过程</h2>\n<table><tr><th>时间</th><th>办理人</th><th>角色</th><th>操作</th><th>状态</th><th>意见</th></tr>\n");
        foreach (var e in d.History)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{e.At:yyyy-MM-dd HH:mm}</td><td>{E(e.Actor)}</td><td>{E(e.Role)}</td><td>{E(e.Action)}</td><td>{E(e.FromState)} → {E(e.ToState)}</td><td>{E(e.Notes)}</td></tr>\n");
        }
        html.Append("</table>\n<h2>位置图</h2>\n<img src=\"map.svg\" alt=\"位置图\" style=\"width:100%\">\n<h2>附件</h2>\n<table><tr><th>文件</th><th>SHA-256</th></tr>\n");
        foreach (var (path, name, sha) in files)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"{E(path)}\">{E(name)}</a></td><td><code>{E(sha)}</code></td></tr>\n");
        }
        html.Append("</table>\n</body></html>\n");
        return html.ToString();
    }
}
