import type Map from 'ol/Map';
import Draw from 'ol/interaction/Draw';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import type Polygon from 'ol/geom/Polygon';
import { Fill, Stroke, Style } from 'ol/style';
import { api, type MeasureResult } from '../api';
import { escapeHtml, formatM2, formatMu } from '../format';

/** Draw a polygon; the server answers its official area (CGCS2000 Gauss–Krüger zone of the centroid, ellipsoidal). */
export class MeasureTool {
  private readonly source = new VectorSource();
  private readonly box = document.getElementById('measure-result')!;
  private draw: Draw | null = null;
  last: { coordinates: number[][][]; result: MeasureResult } | null = null;

  constructor(private readonly map: Map, private readonly button: HTMLButtonElement, private readonly onActive: (active: boolean) => void) {
    map.addLayer(new VectorLayer({
      source: this.source,
      zIndex: 210,
      style: new Style({ stroke: new Stroke({ color: '#e4572e', width: 2.5, lineDash: [6, 4] }), fill: new Fill({ color: 'rgba(228,87,46,0.15)' }) }),
    }));
    button.addEventListener('click', () => (this.draw ? this.stop() : this.start()));
  }

  start(): void {
    this.source.clear();
    this.draw = new Draw({ source: this.source, type: 'Polygon' });
    this.draw.on('drawstart', () => this.source.clear());
    this.draw.on('drawend', (event) => void this.measure(event.feature.getGeometry() as Polygon));
    this.map.addInteraction(this.draw);
    this.button.setAttribute('aria-pressed', 'true');
    this.box.hidden = false;
    this.box.innerHTML = '单击地图依次添加顶点，双击结束，得到官方（椭球）面积';
    this.onActive(true);
  }

  stop(): void {
    if (this.draw) this.map.removeInteraction(this.draw);
    this.draw = null;
    this.source.clear();
    this.button.setAttribute('aria-pressed', 'false');
    this.box.hidden = true;
    this.onActive(false);
  }

  private async measure(polygon: Polygon): Promise<void> {
    const lonLat = polygon.clone().transform('EPSG:3857', 'EPSG:4326') as Polygon;
    const coordinates = lonLat.getCoordinates();
    this.box.textContent = '正在计算…';
    try {
      const result = await api.measure({ type: 'Polygon', coordinates });
      this.last = { coordinates, result };
      this.box.innerHTML = `<span class="label">官方面积</span> <strong id="measure-m2" data-value="${result.areaM2}">${formatM2(result.areaM2)}</strong>
        <span class="sep">≈</span> <strong id="measure-mu" data-value="${result.areaMu}">${formatMu(result.areaMu)}</strong>
        <span class="muted small">（CGCS2000 高斯-克吕格 3 度带 EPSG:${result.zoneEpsg}，椭球面积）</span>`;
    } catch (e) {
      this.box.innerHTML = `<span class="error">${escapeHtml((e as Error).message)}</span>`;
    }
  }
}
