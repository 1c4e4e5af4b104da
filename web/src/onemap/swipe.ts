import type Map from 'ol/Map';
import type RenderEvent from 'ol/render/Event';
import { getRenderPixel } from 'ol/render';
import VectorTileLayer from 'ol/layer/VectorTile';
import { tileUrl } from '../api';
import { createSource, LAYER_SPECS, type MapLayer } from '../map/layers';

/**
 * Swipe comparison of two survey years: a second land-use layer of the comparison year is drawn on top and clipped
 * to the right of the divider, so the left shows the map's year and the right the comparison year.
 */
export class SwipeTool {
  private readonly bar = document.getElementById('swipe-bar')!;
  private readonly range = document.getElementById('swipe-range') as HTMLInputElement;
  private readonly divider = document.getElementById('swipe-divider')!;
  private readonly select = document.getElementById('swipe-year') as HTMLSelectElement;
  private readonly leftLabel = document.getElementById('swipe-left')!;
  private readonly rightLabel = document.getElementById('swipe-right')!;
  private readonly source;
  readonly layer: VectorTileLayer;
  active = false;

  constructor(private readonly map: Map, button: HTMLButtonElement, years: number[], private readonly mapYear: () => number | undefined,
    base: MapLayer) {
    const spec = LAYER_SPECS.find((s) => s.id === 'dltb')!;
    const compareYear = years[1] ?? years[0];
    this.source = createSource('dltb', compareYear);
    this.layer = new VectorTileLayer({
      source: this.source, style: spec.style, zIndex: (base.layer.getZIndex() ?? 10) + 1, visible: false, minZoom: spec.minZoom,
      properties: { id: 'dltb-compare' },
    });
    map.addLayer(this.layer);
    this.select.innerHTML = years.map((y) => `<option value="${y}" ${y === compareYear ? 'selected' : ''}>${y}</option>`).join('');
    this.select.addEventListener('change', () => {
      this.source.setUrl(tileUrl('dltb', Number(this.select.value)));
      this.updateLabels();
    });
    this.range.addEventListener('input', () => this.position());
    button.addEventListener('click', () => {
      this.active = !this.active;
      button.setAttribute('aria-pressed', String(this.active));
      this.layer.setVisible(this.active);
      this.bar.hidden = !this.active;
      this.divider.hidden = !this.active;
      this.position();
    });
    this.layer.on('prerender', (event) => this.clip(event));
    this.layer.on('postrender', (event) => (event.context as CanvasRenderingContext2D | undefined)?.restore());
  }

  /** The year drawn right of the divider. */
  compareYear(): number {
    return Number(this.select.value);
  }

  updateLabels(): void {
    this.leftLabel.textContent = `◀ ${this.mapYear() ?? ''}`;
    this.rightLabel.textContent = `${this.compareYear()} ▶`;
  }

  private position(): void {
    this.divider.style.left = `${this.range.value}%`;
    this.updateLabels();
    this.map.render();
  }

  private clip(event: RenderEvent): void {
    const context = event.context as CanvasRenderingContext2D | undefined;
    const size = this.map.getSize();
    if (!context || !size) return;
    const x = (size[0]! * Number(this.range.value)) / 100;
    const corners = [[x, 0], [size[0]!, 0], [size[0]!, size[1]!], [x, size[1]!]].map((p) => getRenderPixel(event, p));
    context.save();
    context.beginPath();
    corners.forEach((p, i) => (i === 0 ? context.moveTo(p[0]!, p[1]!) : context.lineTo(p[0]!, p[1]!)));
    context.closePath();
    context.clip();
  }
}
