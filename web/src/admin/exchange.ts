import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { getJson } from '../api';
import { escapeHtml } from '../format';
import type { GengbaoHook } from '../testHook';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * 数据汇交 (docs/web.md, docs/exchange.md): the shared catalog, the delivery schedule of the admin's region coloured
 * on time / late / overdue / pending, the evaluation per department for a year (the four scores as a bar chart and
 * the CSV report), uploading a package with the server's verdict, the deliveries received and the departments' keys.
 */
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

interface CatalogItem {
  id: string; name: string; direction: string | number; owner: string; frequency: string | number; deadlineDays: number;
  layers: Array<{ name: string; requiredFields: string[] }>; oneMapLayers: boolean;
}
interface ScheduleEntry {
  catalogItem: string; owner: string; region: string; year: number; period: string; dueDate: string | null;
  deliveredAt: string | null; deliveryId: number | null; status: string; daysLate: number | null;
}
interface Schedule { year: number; today: string; overdue: ScheduleEntry[]; entries: ScheduleEntry[] }
interface DepartmentScore {
  department: string; due: number; onTime: number; late: number; missing: number; accepted: number; refused: number; used: number;
  timeliness: number; completeness: number; quality: number; use: number; total: number;
}
interface Evaluation { year: number; today: string; departments: DepartmentScore[] }
interface Delivery {
  id: number; region: string; catalogItem: string | null; year: number | null; period: string | null; channel: string; packageName: string;
  receivedAt: string; receivedBy: string; status: string; reason: string | null;
}
interface DepartmentKey { id: number; department: string; region: string; name: string; fingerprint: string; addedAt: string; addedBy: string }
interface Verdict { deliveryId: number | null; status: string; reason: string | null; layerVersions: number[] | null; problems: unknown[] | null }

const DEPARTMENTS: Record<string, string> = { natural_resources: '自然资源部门', agriculture: '农业农村部门' };
const STATUS: Record<string, string> = { on_time: '按时', late: '迟交', overdue: '逾期未交', pending: '待交', unscheduled: '未排期' };
const PERIODS: Record<string, string> = { annual: '年度', H1: '上半年', H2: '下半年' };
/** The evaluation's four parts and their full marks (docs/exchange.md). */
const SCORES: Array<[keyof DepartmentScore, string, number]> = [['timeliness', '及时性', 30], ['completeness', '完整性', 30], ['quality', '质量', 25], ['use', '使用', 15]];

const dept = (d: string) => DEPARTMENTS[d] ?? d;
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const direction = (d: string | number) => (d === 0 || d === 'NaturalResourcesToAgriculture' || d === 'natural_resources_to_agriculture' ? '自然资源 → 农业农村' : '农业农村 → 自然资源');
const frequency = (f: string | number) => (f === 0 || f === 'Annual' || f === 'annual' ? '每年' : '每半年');

const PANEL = `
  <div class="admin-card">
    <h2>上传汇交包</h2>
    <p class="muted small">gengbao-exchange/1 格式的 .zip（manifest.json + data/*.gpkg，SM3 校验，可带 SM2 签名）。校验路径、大小、校验值、签名、图层字段和质量，全部通过才入库，否则整包拒收并说明原因。</p>
    <form id="xu-form" class="inline-form">
      <input id="xu-file" type="file" accept=".zip,application/zip" required />
      <button type="submit" class="btn btn-primary">上传</button>
    </form>
    <p id="xu-result" class="result" role="status" hidden></p>
  </div>
  <div class="admin-card">
    <h2>汇交计划 <span id="xs-count" class="muted small"></span></h2>
    <form id="xs-form" class="inline-form">
      <label>年度<input id="xs-year" type="number" min="2000" max="2100" required /></label>
      <button type="submit" class="btn">查看</button>
    </form>
    <p id="xs-overdue" class="result error" role="alert" hidden></p>
    <div class="legend small"><span class="pill xs-on_time">按时</span><span class="pill xs-late">迟交</span><span class="pill xs-overdue">逾期未交</span><span class="pill xs-pending">待交</span><span class="pill">未排期（未登记年度变更启用日期）</span></div>
    <div class="table-wrap">
      <table class="admin-table nw">
        <thead><tr><th>数据项</th><th>提供部门</th><th>行政区</th><th>期次</th><th>截止</th><th>交付</th><th>状态</th></tr></thead>
        <tbody id="xs-rows"></tbody>
      </table>
    </div>
  </div>
  <div class="admin-card">
    <h2>汇交成效评估 <span id="xe-year-label" class="muted small"></span></h2>
    <p class="muted small">每个部门满分 100：及时性 30、完整性 30、质量 25、使用 15。
      <a id="xe-csv" href="#" download>下载 CSV</a> · <a id="xe-html" href="#" target="_blank" rel="noopener">打印版</a></p>
    <div id="xe-chart" class="xe-chart" role="img" aria-label="各部门汇交评估得分"></div>
    <div class="table-wrap">
      <table class="admin-table nw">
        <thead><tr><th>部门</th><th>应交</th><th>按时</th><th>迟交</th><th>未交</th><th>拒收</th><th>使用</th>${SCORES.map(([, l, m]) => `<th>${l}(${m})</th>`).join('')}<th>总分</th></tr></thead>
        <tbody id="xe-rows"></tbody>
      </table>
    </div>
  </div>
  <div class="admin-card">
    <h2>最近汇交记录 <span id="xd-count" class="muted small"></span></h2>
    <div class="table-wrap">
      <table class="admin-table nw">
        <thead><tr><th>编号</th><th>接收时间</th><th>数据项</th><th>行政区</th><th>期次</th><th>渠道</th><th>文件</th><th>结果</th></tr></thead>
        <tbody id="xd-rows"></tbody>
      </table>
    </div>
  </div>
  <div class="admin-card">
    <h2>共享清单 <span id="xc-count" class="muted small"></span></h2>
    <div class="table-wrap">
      <table class="admin-table nw">
        <thead><tr><th>数据项</th><th>方向</th><th>提供部门</th><th>频次</th><th>期限</th><th>图层（必填字段）</th><th>入库</th></tr></thead>
        <tbody id="xc-rows"></tbody>
      </table>
    </div>
  </div>
  <div class="admin-card">
    <h2>部门公钥 <span id="xk-count" class="muted small"></span></h2>
    <p class="muted small">已登记公钥的部门，其汇交包必须带有效 SM2 签名。</p>
    <div class="table-wrap">
      <table class="admin-table nw">
        <thead><tr><th>部门</th><th>行政区</th><th>名称</th><th>指纹</th><th>登记</th></tr></thead>
        <tbody id="xk-rows"></tbody>
      </table>
    </div>
  </div>`;

export function initExchange(panel: HTMLElement, hook: GengbaoHook,
  say: (id: string, text: string, error?: boolean) => void, message: (e: unknown) => string): () => Promise<void> {
  panel.innerHTML = PANEL;
  $<HTMLInputElement>('xs-year').value = String(new Date().getFullYear());
  let names = new Map<string, string>();
  let chart: echarts.ECharts | null = null;

  const loadCatalog = async () => {
    const items = await getJson<CatalogItem[]>('/api/exchange/catalog');
    names = new Map(items.map((i) => [i.id, i.name]));
    $('xc-count').textContent = `共 ${items.length} 项`;
    $('xc-rows').innerHTML = items.map((i) => `
      <tr data-item="${escapeHtml(i.id)}">
        <td class="name">${escapeHtml(i.name)}<div class="muted small">${escapeHtml(i.id)}</div></td><td class="nowrap">${direction(i.direction)}</td>
        <td class="nowrap">${escapeHtml(dept(i.owner))}</td><td>${frequency(i.frequency)}</td><td class="nowrap">${i.deadlineDays} 天</td>
        <td class="name">${i.layers.map((l) => `${escapeHtml(l.name)}（${l.requiredFields.map(escapeHtml).join('、')}）`).join('<br />')}</td>
        <td>${i.oneMapLayers ? '一张图' : '原样保存'}</td>
      </tr>`).join('');
  };

  const itemName = (id: string | null) => (id === null ? '—' : escapeHtml(names.get(id) ?? id));

  const loadSchedule = async (year: number) => {
    const schedule = await getJson<Schedule>(`/api/exchange/schedule?year=${year}`);
    const entries = [...schedule.entries].sort((a, b) => (a.dueDate ?? '9').localeCompare(b.dueDate ?? '9') || a.catalogItem.localeCompare(b.catalogItem));
    $('xs-count').textContent = `${schedule.year} 年 ${entries.length} 项（截至 ${schedule.today}）`;
    $('xs-rows').innerHTML = entries.map((e) => `
      <tr class="xs-row xs-${e.status}" data-status="${e.status}" data-item="${escapeHtml(e.catalogItem)}">
        <td class="name">${itemName(e.catalogItem)}</td><td class="nowrap">${escapeHtml(dept(e.owner))}</td><td>${escapeHtml(e.region)}</td>
        <td>${escapeHtml(PERIODS[e.period] ?? e.period)}</td><td class="nowrap">${day(e.dueDate)}</td>
        <td class="nowrap">${e.deliveredAt ? `${day(e.deliveredAt)}${e.deliveryId ? ` #${e.deliveryId}` : ''}` : '—'}</td>
        <td><span class="pill xs-${e.status}">${STATUS[e.status] ?? escapeHtml(e.status)}</span>${e.daysLate ? ` <span class="small">${e.status === 'late' ? '迟' : '已逾'} ${e.daysLate} 天</span>` : ''}</td>
      </tr>`).join('');
    const overdue = $('xs-overdue');
    overdue.hidden = schedule.overdue.length === 0;
    overdue.textContent = `⚠ ${schedule.overdue.length} 项汇交已逾期未交：${schedule.overdue.slice(0, 5).map((e) => `${names.get(e.catalogItem) ?? e.catalogItem}（${e.region}，${PERIODS[e.period] ?? e.period}）`).join('；')}${schedule.overdue.length > 5 ? '……' : ''}`;
  };

  const loadEvaluation = async (year: number) => {
    const evaluation = await getJson<Evaluation>(`/api/exchange/evaluation?year=${year}`);
    $('xe-year-label').textContent = `${year} 年`;
    $<HTMLAnchorElement>('xe-csv').href = `/api/exchange/evaluation?year=${year}&format=csv`;
    $<HTMLAnchorElement>('xe-csv').download = `exchange-evaluation-${year}.csv`;
    $<HTMLAnchorElement>('xe-html').href = `/api/exchange/evaluation?year=${year}&format=html`;
    const departments = evaluation.departments;
    $('xe-rows').innerHTML = departments.map((d) => `
      <tr data-department="${escapeHtml(d.department)}">
        <td class="nowrap">${escapeHtml(dept(d.department))}</td><td>${d.due}</td><td>${d.onTime}</td><td>${d.late}</td><td>${d.missing}</td><td>${d.refused}</td><td>${d.used}</td>
        ${SCORES.map(([k]) => `<td>${(d[k] as number).toFixed(1)}</td>`).join('')}<td><strong>${d.total.toFixed(1)}</strong></td>
      </tr>`).join('');
    chart ??= echarts.init($('xe-chart'));
    const series = SCORES.map(([key, label, max]) => ({
      name: `${label}（${max}）`, type: 'bar' as const, barMaxWidth: 28, data: departments.map((d) => Number((d[key] as number).toFixed(1))),
      label: { show: true, position: 'top' as const, fontSize: 11 },
    }));
    chart.setOption({
      color: ['#1f5aa6', '#00a3d9', '#2e9d5b', '#e0a100'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { fontSize: 12 } },
      // The legend takes two lines on a phone: the plot starts below it.
      grid: { left: 36, right: 12, top: $('xe-chart').clientWidth < 520 ? 72 : 48, bottom: 28 },
      xAxis: { type: 'category', data: departments.map((d) => dept(d.department)) },
      yAxis: { type: 'value', max: 30 },
      series,
    }, true);
    chart.resize();
    hook.evaluationChart = { departments: departments.map((d) => d.department), series: series.map((s) => ({ name: s.name, data: s.data })) };
  };

  const loadDeliveries = async () => {
    const deliveries = await getJson<Delivery[]>('/api/exchange/deliveries?limit=30');
    $('xd-count').textContent = `最近 ${deliveries.length} 次`;
    $('xd-rows').innerHTML = deliveries.map((d) => `
      <tr data-delivery-id="${d.id}" data-status="${escapeHtml(d.status)}">
        <td>${d.id}</td><td class="nowrap">${time(d.receivedAt)}<div class="muted small">${escapeHtml(d.receivedBy)}</div></td>
        <td class="name">${itemName(d.catalogItem)}</td><td>${escapeHtml(d.region)}</td><td>${d.year ?? ''} ${escapeHtml(PERIODS[d.period ?? ''] ?? d.period ?? '')}</td>
        <td>${escapeHtml(d.channel)}</td><td>${escapeHtml(d.packageName)}</td>
        <td class="reason">${d.status === 'accepted' ? '<span class="pill pill-ok">已接收</span>' : `<span class="pill pill-off">拒收</span><div class="error small wrap">${escapeHtml(d.reason ?? '')}</div>`}</td>
      </tr>`).join('');
  };

  const loadKeys = async () => {
    const keys = await getJson<DepartmentKey[]>('/api/exchange/keys');
    $('xk-count').textContent = `共 ${keys.length} 把`;
    $('xk-rows').innerHTML = keys.length
      ? keys.map((k) => `
        <tr><td class="nowrap">${escapeHtml(dept(k.department))}</td><td>${escapeHtml(k.region || '全国')}</td><td>${escapeHtml(k.name)}</td>
          <td class="mono name">${escapeHtml(k.fingerprint)}</td><td class="nowrap">${time(k.addedAt)} ${escapeHtml(k.addedBy)}</td></tr>`).join('')
      : '<tr><td colspan="5" class="muted">尚未登记公钥：汇交包可不签名（docs/exchange.md）。</td></tr>';
  };

  const loadYear = async () => {
    const year = Number($<HTMLInputElement>('xs-year').value);
    await Promise.all([loadSchedule(year), loadEvaluation(year)]);
  };

  const load = async () => {
    await loadCatalog();
    await Promise.all([loadYear(), loadDeliveries(), loadKeys()]);
    hook.exchangeLoaded = (hook.exchangeLoaded as number | undefined ?? 0) + 1;
  };

  const upload = async () => {
    const file = $<HTMLInputElement>('xu-file').files?.[0];
    if (!file) return;
    say('xu-result', `正在上传并校验 ${file.name}…`);
    try {
      const response = await fetch(`/api/exchange/packages?name=${encodeURIComponent(file.name)}`, {
        method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/zip', Accept: 'application/json' }, body: file,
      });
      const verdict = (await response.json().catch(() => null)) as (Verdict & { detail?: string; title?: string }) | null;
      if (response.ok && verdict?.status === 'accepted') {
        say('xu-result', `已接收：${file.name}，汇交记录 #${verdict.deliveryId}${verdict.layerVersions?.length ? `，入库图层版本 ${verdict.layerVersions.join('、')}` : ''}。`);
      } else {
        say('xu-result', `拒收：${verdict?.reason ?? verdict?.detail ?? verdict?.title ?? `${response.status} ${response.statusText}`}`, true);
      }
      await Promise.all([loadDeliveries(), loadYear()]);
    } catch (e) {
      say('xu-result', `上传失败：${message(e)}`, true);
    }
    hook.uploads = (hook.uploads as number | undefined ?? 0) + 1;
  };

  $('xu-form').addEventListener('submit', (e) => { e.preventDefault(); void upload(); });
  $('xs-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void loadYear().catch((err: unknown) => say('xu-result', `加载失败：${message(err)}`, true));
  });
  window.addEventListener('resize', () => chart?.resize());
  return load;
}
