import * as echarts from 'echarts/core';
import { escapeHtml } from '../format';
import type { Chart } from './charts';

/** GET /api/patrol/stats/monthly rows (PatrolMonthRow). */
export interface MonthRow { unitCode: string; unitName: string | null; month: string; tasks: number; completed: number; overdue: number; completionRate: number }
/** GET /api/patrol/stats/townships rows (TownshipRankRow). */
export interface RankRow { rank: number; unitCode: string; unitName: string | null; tasks: number; completed: number; overdue: number; completionRate: number }
/** GET /api/patrol/tasks rows (the fields shown). */
export interface OverdueTask { id: number; cellCode: string; cellName: string | null; periodKey: string; dueAt: string; assigneeName: string | null }
/** GET /api/screening/summary rows (ScreeningSummaryRow). */
export interface ScreeningSummary { countyCode: string; patches: number; screened: number; green: number; yellow: number }

const AXIS = { axisLine: { lineStyle: { color: '#3c6493' } }, axisLabel: { color: '#a9c6e6' }, splitLine: { lineStyle: { color: 'rgba(80,130,190,.18)' } } };
const TEXT = { fontFamily: '"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif', color: '#cfe3f7' };
const PALETTE = ['#00c2ff', '#ffd866', '#4fe3c1', '#ff8a65', '#b39ddb', '#81c784', '#f06292', '#4dd0e1', '#fff176', '#90caf9', '#ffb74d', '#a1887f'];
const pct = (rate: number) => Math.round(rate * 1000) / 10;

/** Completion rate (%) per township (one line each) and month. */
export function monthlyLines(chart: Chart, rows: MonthRow[]): void {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const units = [...new Map(rows.map((r) => [r.unitCode, r.unitName ?? r.unitCode])).entries()].sort((a, b) => a[0].localeCompare(b[0]));
  chart.setOption({
    textStyle: TEXT, color: PALETTE,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '无任务' : `${Number(v).toFixed(1)}%`) },
    legend: { type: 'scroll', top: 0, textStyle: { color: '#cfe3f7' }, pageTextStyle: { color: '#cfe3f7' } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months, ...AXIS },
    yAxis: { type: 'value', min: 0, max: 100, ...AXIS },
    series: units.map(([code, name]) => ({
      name, type: 'line', symbolSize: 6, connectNulls: false,
      data: months.map((m) => { const r = rows.find((x) => x.unitCode === code && x.month === m); return r ? pct(r.completionRate) : null; }),
    })),
  }, true);
}

/** Townships by completion rate, best on top. */
export function rankBars(chart: Chart, rows: RankRow[]): void {
  const ordered = [...rows].sort((a, b) => a.rank - b.rank).reverse();
  chart.setOption({
    textStyle: TEXT,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (p: Array<{ dataIndex: number }>) => {
      const r = ordered[p[0]!.dataIndex]!;
      return `${escapeHtml(r.unitName ?? r.unitCode)}<br/>第 ${r.rank} 名 · 完成率 ${pct(r.completionRate)}%<br/>任务 ${r.tasks} · 完成 ${r.completed} · 逾期 ${r.overdue}`;
    } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, ...AXIS },
    yAxis: { type: 'category', data: ordered.map((r) => `${r.rank}. ${r.unitName ?? r.unitCode}`), ...AXIS },
    series: [{
      name: '完成率', type: 'bar', barMaxWidth: 14, data: ordered.map((r) => pct(r.completionRate)),
      label: { show: true, position: 'right', color: '#ffd866', formatter: (p: { value: unknown }) => `${Number(p.value).toFixed(1)}%` },
      itemStyle: { color: new echarts.graphic.LinearGradient(1, 0, 0, 0, [{ offset: 0, color: '#4fe3c1' }, { offset: 1, color: '#0e8a74' }]), borderRadius: [0, 3, 3, 0] },
    }],
  }, true);
}

/** Change patches per year: green, yellow and not (yet) screened, stacked. */
export function screeningBars(chart: Chart, years: Array<{ year: number; green: number; yellow: number; unscreened: number }>): void {
  const bar = (name: string, color: string, pick: (y: (typeof years)[number]) => number) =>
    ({ name, type: 'bar', stack: 'class', barMaxWidth: 40, itemStyle: { color }, data: years.map(pick) });
  chart.setOption({
    textStyle: TEXT,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { color: '#cfe3f7' } },
    grid: { left: 8, right: 16, top: 34, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years.map((y) => `${y.year} 年`), ...AXIS },
    yAxis: { type: 'value', ...AXIS },
    series: [bar('绿色（可排除）', '#2e9d4d', (y) => y.green), bar('黄色（需核查）', '#e8b10e', (y) => y.yellow), bar('未筛查', '#8a8f98', (y) => y.unscreened)],
  }, true);
}

export function overdueRows(tbody: HTMLElement, tasks: OverdueTask[]): void {
  const date = (iso: string) => new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
  tbody.innerHTML = tasks.map((t) => `<tr data-task-id="${t.id}"><td><a href="/patrol.html?task=${t.id}">${escapeHtml(t.cellName ?? t.cellCode)}</a></td>
    <td>${escapeHtml(t.periodKey)}</td><td>${date(t.dueAt)}</td><td>${escapeHtml(t.assigneeName ?? '未配田管员')}</td></tr>`).join('');
}
