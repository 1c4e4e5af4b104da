using System.Globalization;
using System.Net;
using System.Text;
using Gengbao.Ledger.Accounts;

namespace Gengbao.Ledger.Reports;

/// <summary>
/// The printable page of a <see cref="LedgerReport"/>: one self-contained HTML file (no script, no external resource),
/// charts as inline SVG (<c>svg.chart</c>, one <c>rect.bar</c> per bar), the report's tables, and print CSS (A4 landscape,
/// a page break before each table).
/// </summary>
public static class LedgerHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The whole page.</summary>
    public static string Render(LedgerReport report)
    {
        var html = new StringBuilder();
        html.Append(Inv, $$"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{{E(report.Title)}}</title>
            <style>
            body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; margin: 16px; color: #222; }
            h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 24px; }
            table { border-collapse: collapse; font-size: 12px; } th, td { border: 1px solid #999; padding: 2px 6px; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            .charts { display: flex; flex-wrap: wrap; gap: 16px; }
            svg.chart text { font-size: 11px; }
            @media print { @page { size: A4 landscape; margin: 12mm; } section.table { break-before: page; } body { margin: 0; } }
            </style></head><body>
            <h1>{{E(report.Title)}}</h1>
            <p class="meta">单位:{{E(report.Unit.UnitName)}}({{E(report.Unit.UnitCode)}})  生成时间:{{report.GeneratedAt.ToString("yyyy-MM-dd HH:mm", Inv)}} UTC  面积单位:亩(两位小数),万亩(四位小数)</p>
            <p class="total">耕地 <span id="total-cultivated">{{AreaUnits.WanMu(report.Unit.Stock.Cultivated).ToString("F4", Inv)}}</span> 万亩,永久基本农田 <span id="total-pbf">{{AreaUnits.WanMu(report.Unit.Stock.Pbf).ToString("F4", Inv)}}</span> 万亩</p>
            <div class="charts">
            """);
        var children = report.Ledgers.Skip(1).ToList();
        if (children.Count > 0)
        {
            html.Append(BarChart("各单位耕地与永久基本农田(万亩)", [.. children.Select(l => (l.UnitName, AreaUnits.WanMu(l.Stock.Cultivated), AreaUnits.WanMu(l.Stock.Pbf)))], "耕地", "永久基本农田"));
        }
        if (report.Unit.Outflow is { } outflow && report.Unit.Inflow is { } inflow)
        {
            html.Append(BarChart("耕地流入与流出(亩,按地类)", [.. FlowClasses.All.Select(c => (FlowClasses.Label(c), AreaUnits.Mu(inflow[c]), AreaUnits.Mu(outflow[c])))], "流入", "流出"));
        }
        else
        {
            html.Append(Inv, $"<p class=\"missing\">{E(string.Join(";", report.Unit.Missing))}</p>");
        }
        html.Append("</div>\n");
        foreach (var sheet in report.Sheets())
        {
            html.Append(Inv, $"<section class=\"table\"><h2>{E(sheet.Name)}:{E(sheet.Title)}</h2><table><thead><tr>");
            foreach (var h in sheet.Headers)
            {
                html.Append(Inv, $"<th>{E(h)}</th>");
            }
            html.Append("</tr></thead><tbody>\n");
            foreach (var row in sheet.Rows)
            {
                html.Append("<tr>");
                foreach (var cell in row)
                {
                    html.Append(cell switch
                    {
                        decimal d => $"<td class=\"n\">{d.ToString(Inv)}</td>",
                        int or long => $"<td class=\"n\">{Convert.ToString(cell, Inv)}</td>",
                        null => "<td></td>",
                        _ => $"<td>{E(Convert.ToString(cell, Inv) ?? "")}</td>",
                    });
                }
                html.Append("</tr>\n");
            }
            html.Append("</tbody></table></section>\n");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>Grouped bars, two series; values ≥ 0 drawn, negative clamped to 0.</summary>
    private static string BarChart(string title, IReadOnlyList<(string Label, decimal A, decimal B)> data, string seriesA, string seriesB)
    {
        const int height = 220, top = 30, bottom = 60, left = 50, group = 48;
        var width = left + Math.Max(1, data.Count) * group + 20;
        var max = Math.Max(1m, data.Max(d => Math.Max(d.A, d.B)));
        var plot = height - top - bottom;
        var svg = new StringBuilder();
        svg.Append(Inv, $"<figure><svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{E(title)}\">");
        svg.Append(Inv, $"<text x=\"{left}\" y=\"14\" font-weight=\"bold\">{E(title)}</text>");
        svg.Append(Inv, $"<rect x=\"{width - 150}\" y=\"4\" width=\"10\" height=\"10\" fill=\"#4e79a7\"/><text x=\"{width - 136}\" y=\"13\">{E(seriesA)}</text>");
        svg.Append(Inv, $"<rect x=\"{width - 80}\" y=\"4\" width=\"10\" height=\"10\" fill=\"#f28e2b\"/><text x=\"{width - 66}\" y=\"13\">{E(seriesB)}</text>");
        svg.Append(Inv, $"<line x1=\"{left}\" y1=\"{top + plot}\" x2=\"{width - 10}\" y2=\"{top + plot}\" stroke=\"#333\"/>");
        svg.Append(Inv, $"<text x=\"{left - 4}\" y=\"{top + 4}\" text-anchor=\"end\">{max.ToString("0.####", Inv)}</text>");
        for (var i = 0; i < data.Count; i++)
        {
            var x = left + i * group + 6;
            foreach (var (value, dx, colour) in new[] { (data[i].A, 0, "#4e79a7"), (data[i].B, 18, "#f28e2b") })
            {
                var h = (double)(Math.Max(0m, value) / max) * plot;
                svg.Append(Inv, $"<rect class=\"bar\" x=\"{x + dx}\" y=\"{top + plot - h:F1}\" width=\"16\" height=\"{h:F1}\" fill=\"{colour}\"><title>{E(data[i].Label)} {value.ToString(Inv)}</title></rect>");
            }
            svg.Append(Inv, $"<text x=\"{x + 17}\" y=\"{top + plot + 14}\" text-anchor=\"end\" transform=\"rotate(-35 {x + 17} {top + plot + 14})\">{E(data[i].Label)}</text>");
        }
        svg.Append("</svg></figure>\n");
        return svg.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
