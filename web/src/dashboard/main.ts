import 'ol/ol.css';
import '../styles/base.css';
import '../styles/dashboard.css';
import { api, type UnitTotals } from '../api';
import { formatM2, formatMu, m2ToMu } from '../format';
import { createMap, toMapExtent } from '../map/createMap';
import { createLayers } from '../map/layers';
import { installHook, observeMap } from '../testHook';
import { createChart, ratioLine, topBars, unitBars } from './charts';
import { getJson } from '../api';
import { monthlyLines, overdueRows, rankBars, screeningBars, type MonthRow, type OverdueTask, type RankRow, type ScreeningSummary } from './patrolCharts';

const hook = installHook('dashboard');
const $ = (id: string) => document.getElementById(id)!;
const narrow = () => window.innerWidth < 600;

function sum(units: UnitTotals[], pick: (u: UnitTotals) => number): number {
  return units.reduce((total, u) => total + pick(u), 0);
}

async function main(): Promise<void> {
  const catalog = await api.tileCatalog();
  const year = catalog.layers.find((l) => l.id === 'dltb')?.years[0] ?? catalog.layers.flatMap((l) => l.years)[0];
  if (year === undefined) {
    $('dash-status').textContent = '数据库中还没有调查数据，请先导入。';
    hook.ready = true;
    return;
  }
  const [counties, townships, villages] = await Promise.all([
    api.unitTotals('county', year), api.unitTotals('township', year), api.unitTotals('village', year),
  ]);
  $('cockpit-scope').textContent = `${counties.map((c) => c.name).join('、')} · ${year} 年度`;

  /** The four indicator cards for the units in view (the county, or one township's villages). */
  const showKpis = (units: UnitTotals[], unitsLabel: string, unitsText: string) => {
    const cultivated = sum(units, (u) => u.cultivatedArea);
    const pbf = sum(units, (u) => u.pbfArea);
    $('kpi-cultivated').textContent = formatMu(m2ToMu(cultivated));
    $('kpi-cultivated').dataset.valueM2 = String(cultivated);
    $('kpi-cultivated-m2').textContent = formatM2(cultivated);
    $('kpi-pbf').textContent = formatMu(m2ToMu(pbf));
    $('kpi-pbf').dataset.valueM2 = String(pbf);
    $('kpi-pbf-m2').textContent = formatM2(pbf);
    $('kpi-count').textContent = sum(units, (u) => u.cultivatedCount).toLocaleString('zh-CN');
    $('kpi-units-label').textContent = unitsLabel;
    $('kpi-units').textContent = unitsText;
  };

  const main = createChart($('chart-townships'));
  const top = createChart($('chart-villages'));
  const ratio = createChart($('chart-ratio'));

  const map = createMap($('dash-map'), catalog.extent);
  const { layers, base } = createLayers(year, ['dltb', 'yjjbnt', 'admin']);
  map.addLayer(base);
  for (const l of layers) map.addLayer(l.layer);
  observeMap(hook, map, layers);

  let shown: UnitTotals[] = townships;
  const showCounty = () => {
    shown = townships;
    showKpis(counties, '乡镇 / 行政村', `${townships.length} / ${villages.length}`);
    unitBars(main, townships, narrow());
    topBars(top, villages);
    ratioLine(ratio, townships);
    $('chart-main-title').textContent = '各乡镇耕地与永久基本农田（亩）';
    $('chart-villages-title').textContent = '行政村耕地面积前十（亩）';
    $('cockpit-heading').textContent = '耕地保护总览';
    $('btn-back').hidden = true;
    if (catalog.extent) map.getView().fit(toMapExtent(catalog.extent), { padding: [16, 16, 16, 16] });
    hook.selected = null;
  };
  const drill = async (township: UnitTotals) => {
    const prefix = township.code.slice(0, 9);
    shown = villages.filter((v) => v.code.startsWith(prefix));
    showKpis([township], '行政村', String(shown.length));
    unitBars(main, shown, narrow());
    topBars(top, shown);
    ratioLine(ratio, shown);
    $('chart-main-title').textContent = `${township.name}各行政村耕地与永久基本农田（亩）`;
    $('chart-villages-title').textContent = `${township.name}行政村耕地面积前十（亩）`;
    $('cockpit-heading').textContent = township.name;
    $('btn-back').hidden = false;
    hook.selected = township.code;
    const hit = (await api.search(township.code)).find((h) => h.kind === 'admin' && h.code === township.code);
    if (hit) map.getView().fit(toMapExtent(hit.bbox), { padding: [16, 16, 16, 16] });
  };
  main.on('click', (params) => {
    const unit = shown[params.dataIndex];
    if (unit && shown === townships) void drill(unit);
  });
  $('btn-back').addEventListener('click', showCounty);
  showCounty();

  hook.dashboard = {
    year,
    county: counties,
    townships,
    villages,
    /** What the main chart shows now: category names and each series' values (mu). */
    mainChart: () => {
      const option = main.getOption() as { xAxis: Array<{ data: string[] }>; series: Array<{ name: string; data: number[] }> };
      return { categories: option.xAxis[0]!.data, series: option.series.map((s) => ({ name: s.name, data: s.data })) };
    },
    /** Where the i-th bar of the first series is, in pixels within the main chart (for a real click in tests). */
    mainBarPixel: (i: number) => {
      // ECharts keeps each bar's rectangle in the series data layout; its centre is where a user would click.
      type Layout = { x: number; y: number; width: number; height: number };
      const model = (main as unknown as { getModel(): { getSeriesByIndex(n: number): { getData(): { getItemLayout(k: number): Layout } } } }).getModel();
      const bar = model.getSeriesByIndex(0).getData().getItemLayout(i);
      return [bar.x + bar.width / 2, bar.y + bar.height / 2];
    },
    drill: (code: string) => { const t = townships.find((u) => u.code === code); return t ? drill(t) : Promise.resolve(); },
  };
  main.on('finished', () => { hook.chartsRendered = true; });
  void patrolAndScreening(counties.length === 1 ? counties[0]!.code.slice(0, 6) : '', counties.map((c) => c.code.slice(0, 6)),
    catalog.layers.find((l) => l.id === 'bhtb')?.years ?? []);
  map.once('rendercomplete', () => { hook.ready = true; });
}

/**
 * Patrol (seed 001 三(三): monthly statistics, township ranking, overdue list) and screening class counts per year.
 * Months and the ranking span: the current month and the five before it (China time), ranking over the last three.
 */
async function patrolAndScreening(region: string, countyCodes: string[], bhtbYears: number[]): Promise<void> {
  const monthStart = (back: number) => {
    const china = new Date(Date.now() + 8 * 3600_000);
    return new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() - back, 1) - 8 * 3600_000).toISOString();
  };
  const q = region ? `region=${region}&` : '';
  const [monthly, ranking, overdue, screening] = await Promise.all([
    getJson<MonthRow[]>(`/api/patrol/stats/monthly?${q}level=乡&from=${encodeURIComponent(monthStart(5))}&to=${encodeURIComponent(monthStart(-1))}`),
    getJson<RankRow[]>(`/api/patrol/stats/townships?${q}from=${encodeURIComponent(monthStart(2))}&to=${encodeURIComponent(monthStart(-1))}`),
    getJson<OverdueTask[]>(`/api/patrol/tasks?${q}state=overdue&limit=1000`),
    Promise.all([...bhtbYears].sort().map(async (year) => {
      const rows = (await Promise.all(countyCodes.map((c) => getJson<ScreeningSummary[]>(`/api/screening/summary?region=${c}&year=${year}`)))).flat();
      const sum = (pick: (r: ScreeningSummary) => number) => rows.reduce((t, r) => t + pick(r), 0);
      return { year, green: sum((r) => r.green), yellow: sum((r) => r.yellow), unscreened: sum((r) => r.patches - r.screened) };
    })),
  ]);
  const monthlyChart = createChart($('chart-patrol-monthly'));
  const rankChart = createChart($('chart-patrol-rank'));
  const screeningChart = createChart($('chart-screening'));
  monthlyLines(monthlyChart, monthly);
  rankBars(rankChart, ranking);
  screeningBars(screeningChart, screening);
  $('overdue-count').textContent = overdue.length >= 1000 ? '1000+' : String(overdue.length);
  overdueRows($('overdue-rows'), overdue.slice(0, 200));
  const option = (chart: typeof monthlyChart) => {
    const o = chart.getOption() as { xAxis: Array<{ data?: string[] }>; yAxis: Array<{ data?: string[] }>; series: Array<{ name: string; data: Array<number | null> }> };
    return { x: o.xAxis[0]!.data ?? null, y: o.yAxis[0]!.data ?? null, series: o.series.map((s) => ({ name: s.name, data: s.data })) };
  };
  hook.patrolCharts = { monthly: () => option(monthlyChart), rank: () => option(rankChart), screening: () => option(screeningChart), region };
  hook.patrolChartsRendered = true;
}

main().catch((e: unknown) => {
  $('dash-status').textContent = `加载失败：${(e as Error).message}`;
  throw e;
});
