import type { MapLayer } from '../map/layers';
import { CHANGE_CLASS, LAND_CLASS_LEGEND, landClassColour, rgba } from '../map/palette';

function swatch(fill: string, stroke = 'rgba(0,0,0,0.25)', dashed = false): string {
  return `<i class="swatch" style="background:${fill};border-color:${stroke};border-style:${dashed ? 'dashed' : 'solid'}"></i>`;
}

const LEGENDS: Record<string, () => string> = {
  admin: () => `<div class="legend-row"><i class="line line-county"></i>县界</div><div class="legend-row"><i class="line line-town"></i>乡镇界</div><div class="legend-row"><i class="line line-village"></i>村界</div>`,
  dltb: () => `<div class="legend-grid">${LAND_CLASS_LEGEND.map((c) => `<div class="legend-row">${swatch(rgba(landClassColour(c.code), 1))}${c.name}</div>`).join('')}</div>`,
  yjjbnt: () => `<div class="legend-row">${swatch('rgba(255,196,0,0.35)', '#b8860b')}永久基本农田</div>`,
  gbznt: () => `<div class="legend-row">${swatch('rgba(27,127,59,0.25)', '#1b7f3b', true)}高标准农田项目</div>`,
  pzyd: () => `<div class="legend-row">${swatch('rgba(123,63,179,0.25)', '#7b3fb3')}批准用地</div>`,
  bhtb: () => Object.values(CHANGE_CLASS).map((c) => `<div class="legend-row">${swatch(`${c.colour}66`, c.colour)}${c.name}</div>`).join(''),
};

/** Layer switcher and legend in one panel: a checkbox per layer with its legend below. */
export function renderLayerPanel(container: HTMLElement, layers: MapLayer[]): void {
  const ordered = [...layers].sort((a, b) => (b.layer.getZIndex() ?? 0) - (a.layer.getZIndex() ?? 0));
  container.innerHTML = ordered.map((l) => `
    <section class="layer-item">
      <label class="layer-toggle"><input type="checkbox" data-layer="${l.id}" ${l.layer.getVisible() ? 'checked' : ''} />${l.title}</label>
      <div class="legend">${LEGENDS[l.id]?.() ?? ''}</div>
    </section>`).join('') + '<p class="muted small">地类配色：三调地类图斑色值（docs/web.md）；地类图斑与永久基本农田在放大后显示。</p>';
  container.addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    const layer = layers.find((l) => l.id === input.dataset.layer);
    layer?.layer.setVisible(input.checked);
  });
}
