using System.Globalization;
using System.Net;
using System.Text;
using Gengbao.Storage.OneMap;

namespace Gengbao.Server.Apis;

/// <summary>
/// The page a warning-post QR code opens on a phone: the parcel's layer, location, official area and attributes,
/// with its own QR code to print. Plain server-rendered HTML so it opens fast on a weak signal.
/// </summary>
internal static class ParcelPage
{
    private static readonly Dictionary<string, string> LayerNames = new(StringComparer.Ordinal)
    {
        ["DLTB"] = "地类图斑", ["YJJBNT"] = "永久基本农田", ["GBZNT"] = "高标准农田", ["PZYD"] = "批准用地", ["BHTB"] = "变化图斑", ["XZQ"] = "行政区",
    };

    private const string Style = """
        body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:0;background:#f4f6f4;color:#1d2b1f}
        header{background:#2f6b3a;color:#fff;padding:12px 16px}h1{font-size:18px;margin:0}main{padding:12px 16px;max-width:720px}
        section{background:#fff;border-radius:8px;padding:12px 16px;margin:12px 0;box-shadow:0 1px 2px #0002}
        table{border-collapse:collapse;width:100%}td{padding:4px 6px;border-bottom:1px solid #eee;vertical-align:top}td:first-child{color:#567;width:40%}
        .area{font-size:22px;font-weight:600}.code{font-family:monospace;word-break:break-all}
        """;

    /// <summary>The CSP source that allows the page's inline stylesheet and nothing else inline.</summary>
    public static string StyleHash { get; } =
        $"'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'";

    public static string Render(string code, IReadOnlyList<Parcel> parcels, string url)
    {
        var e = (Func<string?, string>)(s => WebUtility.HtmlEncode(s ?? ""));
        var inv = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>空间码 {{e(code)}} · 耕保</title><link rel="icon" type="image/svg+xml" href="/favicon.svg">
            <style>{{Style}}</style></head><body>
            <header><h1>耕保 · 地块空间码</h1><div class="code">{{e(code)}}</div></header><main>
            """);
        if (parcels.Count == 0)
        {
            html.Append("<section><p>未找到该空间码对应的地块（no parcel has this spatial code）。</p></section>");
        }
        foreach (var p in parcels)
        {
            html.Append(inv, $"""
                <section><h2>{e(LayerNames.GetValueOrDefault(p.Layer, p.Layer))} ({e(p.Layer)}) · {p.Year}年</h2>
                <div class="area">{p.AreaSquareMetres:N2} m² · {p.AreaMu:N2} 亩</div><table>
                <tr><td>县级代码 county</td><td>{e(p.CountyCode)}</td></tr>
                """);
            foreach (var (key, value) in p.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (value is null || key is "county_code" or "year" or "fid")
                {
                    continue;
                }
                html.Append($"<tr><td>{e(key.ToUpperInvariant())}</td><td>{e(value.ToString())}</td></tr>");
            }
            html.Append("</table></section>");
        }
        html.Append($"""
            <section><img alt="QR" width="160" height="160" src="/api/onemap/parcels/{e(WebUtility.UrlEncode(code))}/qr.svg">
            <div class="code">{e(url)}</div></section></main></body></html>
            """);
        return html.ToString();
    }
}
