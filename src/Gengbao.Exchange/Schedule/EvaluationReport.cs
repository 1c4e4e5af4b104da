using System.Globalization;
using System.Net;
using System.Text;

namespace Gengbao.Exchange.Schedule;

/// <summary>The evaluation report (汇交成效评估) of a year as CSV or a printable HTML page: scores per department, then every schedule entry.</summary>
public static class EvaluationReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Csv(int year, DateOnly today, IReadOnlyList<DepartmentEvaluation> evaluations, IReadOnlyList<ScheduleEntry> schedule)
    {
        var text = new StringBuilder();
        text.AppendLine("department,year,due,on_time,late,missing,accepted,refused,used,timeliness,completeness,quality,use,total");
        foreach (var e in evaluations)
        {
            text.AppendLine(string.Create(Invariant, $"{e.Department},{e.Year},{e.Due},{e.OnTime},{e.Late},{e.Missing},{e.Accepted},{e.Refused},{e.Used},{e.Score.Timeliness},{e.Score.Completeness},{e.Score.Quality},{e.Score.Use},{e.Score.Total}"));
        }
        text.AppendLine();
        text.AppendLine("catalog_item,owner,region,year,period,due_date,delivered_at,delivery_id,status,days_late");
        foreach (var s in schedule)
        {
            text.AppendLine(string.Create(Invariant,
                $"{s.CatalogItem},{s.Owner},{s.Region},{s.Year},{s.Period},{s.DueDate:yyyy-MM-dd},{s.DeliveredAt:yyyy-MM-ddTHH:mm:ssZ},{s.DeliveryId},{Status(s.Status)},{s.DaysLate(today)}"));
        }
        return text.ToString();
    }

    public static string Html(int year, DateOnly today, IReadOnlyList<DepartmentEvaluation> evaluations, IReadOnlyList<ScheduleEntry> schedule)
    {
        static string E(object? v) => WebUtility.HtmlEncode(Convert.ToString(v, Invariant) ?? "");
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>{year} 年度汇交成效评估</title>");
        html.Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #999;padding:2px 8px}.overdue{color:#b00}</style>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{year} 年度汇交成效评估</h1><p>截至 {today:yyyy-MM-dd}。权重：及时性 30、完整性 30、质量 25、使用 15（docs/exchange.md）。</p>");
        html.Append("<table><tr><th>部门</th><th>应交</th><th>按时</th><th>逾期交</th><th>未交</th><th>接收</th><th>退回</th><th>已使用</th><th>及时性</th><th>完整性</th><th>质量</th><th>使用</th><th>总分</th></tr>");
        foreach (var e in evaluations)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(e.Department == "agriculture" ? "农业农村" : "自然资源")}</td><td>{e.Due}</td><td>{e.OnTime}</td><td>{e.Late}</td><td>{e.Missing}</td><td>{e.Accepted}</td><td>{e.Refused}</td><td>{e.Used}</td><td>{E(e.Score.Timeliness)}</td><td>{E(e.Score.Completeness)}</td><td>{E(e.Score.Quality)}</td><td>{E(e.Score.Use)}</td><td><b>{E(e.Score.Total)}</b></td></tr>");
        }
        html.Append("</table><h2>汇交计划</h2><table><tr><th>数据</th><th>提供方</th><th>地区</th><th>期次</th><th>截止日期</th><th>接收时间</th><th>状态</th><th>逾期天数</th></tr>");
        foreach (var s in schedule)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr{(s.Status == ScheduleStatus.Overdue ? " class=\"overdue\"" : "")}><td>{E(s.CatalogItem)}</td><td>{E(s.Owner)}</td><td>{E(s.Region)}</td><td>{E(s.Period)}</td><td>{s.DueDate:yyyy-MM-dd}</td><td>{s.DeliveredAt:yyyy-MM-dd HH:mm}</td><td>{E(Status(s.Status))}</td><td>{s.DaysLate(today)}</td></tr>");
        }
        html.Append("</table></html>");
        return html.ToString();
    }

    /// <summary>snake_case status as the API and the CSV write it.</summary>
    public static string Status(ScheduleStatus status) => status switch
    {
        ScheduleStatus.OnTime => "on_time",
        ScheduleStatus.Late => "late",
        ScheduleStatus.Overdue => "overdue",
        ScheduleStatus.Pending => "pending",
        _ => "unscheduled",
    };
}
