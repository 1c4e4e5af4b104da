import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { UnitTotals } from '../api';
import { m2ToMu } from '../format';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

export type Chart = echarts.ECharts;

const AXIS = { axisLine: { lineStyle: { color: '#3c6493' } }, axisLabel: { color: '#a9c6e6' }, splitLine: { lineStyle: { color: 'rgba(80,130,190,.18)' } } };
const TEXT = { fontFamily: '"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif', color: '#cfe3f7' };
const mu = (m2: number) => Math.round(m2ToMu(m2) * 100) / 100;

export function createChart(element: HTMLElement): Chart {
  const chart = echarts.init(element, undefined, { renderer: 'canvas' });
  window.addEventListener('resize', () => chart.resize());
  return chart;
}

/** Cultivated land and PBF per unit, in mu (the ledger API gives m²). */
export function unitBars(chart: Chart, units: UnitTotals[], narrow: boolean): void {
  chart.setOption({
    textStyle: TEXT,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${Number(v).toLocaleString('zh-CN')} 亩` },
    legend: { data: ['耕地', '永久基本农田'], textStyle: { color: '#cfe3f7' }, top: 0 },
    grid: { left: 8, right: 12, top: 34, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: units.map((u) => u.name), ...AXIS, axisLabel: { color: '#a9c6e6', rotate: narrow || units.length > 8 ? 40 : 0, interval: 0 } },
    yAxis: { type: 'value', ...AXIS },
    series: [
      { name: '耕地', type: 'bar', data: units.map((u) => mu(u.cultivatedArea)), itemStyle: { color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [{ offset: 0, color: '#ffd866' }, { offset: 1, color: '#c98a00' }]) }, barMaxWidth: 26 },
      { name: '永久基本农田', type: 'bar', data: units.map((u) => mu(u.pbfArea)), itemStyle: { color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [{ offset: 0, color: '#4fe3c1' }, { offset: 1, color: '#0e8a74' }]) }, barMaxWidth: 26 },
    ],
  }, true);
}

/** The ten units with the most cultivated land, largest on top. */
export function topBars(chart: Chart, units: UnitTotals[]): void {
  const top = [...units].sort((a, b) => b.cultivatedArea - a.cultivatedArea).slice(0, 10).reverse();
  chart.setOption({
    textStyle: TEXT,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${Number(v).toLocaleString('zh-CN')} 亩` },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', ...AXIS },
    yAxis: { type: 'category', data: top.map((u) => u.name), ...AXIS },
    series: [{
      name: '耕地', type: 'bar', data: top.map((u) => mu(u.cultivatedArea)), barMaxWidth: 16,
      label: { show: true, position: 'right', color: '#ffd866', formatter: (p: { value: unknown }) => Number(p.value).toFixed(0) },
      itemStyle: { color: new echarts.graphic.LinearGradient(1, 0, 0, 0, [{ offset: 0, color: '#00c2ff' }, { offset: 1, color: '#1f5aa6' }]), borderRadius: [0, 3, 3, 0] },
    }],
  }, true);
}

/** PBF as a share of cultivated land per unit, percent. */
export function ratioLine(chart: Chart, units: UnitTotals[]): void {
  chart.setOption({
    textStyle: TEXT,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${Number(v).toFixed(1)}%` },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: units.map((u) => u.name), ...AXIS, axisLabel: { color: '#a9c6e6', rotate: units.length > 8 ? 40 : 0, interval: 0 } },
    yAxis: { type: 'value', max: 100, ...AXIS },
    series: [{
      name: '占比', type: 'line', smooth: true, symbolSize: 7,
      data: units.map((u) => (u.cultivatedArea > 0 ? Math.round((u.pbfArea / u.cultivatedArea) * 1000) / 10 : 0)),
      lineStyle: { color: '#4fe3c1', width: 2 }, itemStyle: { color: '#4fe3c1' },
      areaStyle: { color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [{ offset: 0, color: 'rgba(79,227,193,.45)' }, { offset: 1, color: 'rgba(79,227,193,0)' }]) },
    }],
  }, true);
}
