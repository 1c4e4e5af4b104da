import Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import type Map from 'ol/Map';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { Fill, Stroke, Style } from 'ol/style';
import { api, qrSvgUrl, type Parcel } from '../api';
import { escapeHtml, formatM2, formatMu } from '../format';
import type { MapLayer } from '../map/layers';

/** Chinese labels of stored attributes (field codes as the land-survey standards name them). */
const FIELD_NAMES: Record<string, string> = {
  bsm: '标识码', tbbh: '图斑编号', dlbm: '地类编码', dlmc: '地类名称', qsxz: '权属性质', qsdwdm: '权属单位代码',
  qsdwmc: '权属单位名称', zldwdm: '坐落单位代码', zldwmc: '坐落单位名称', tbmj: '图斑面积(TBMJ, m²)', kcdlbm: '扣除地类编码',
  kcxs: '扣除系数', kcmj: '扣除面积', tbdlmj: '图斑地类面积', gdlx: '耕地类型', gdpdjb: '耕地坡度级别', czcsxm: '城镇村属性码',
  sjnf: '数据年份', jbnttbbh: '基本农田图斑编号', xmbh: '项目编号', xmmc: '项目名称', jsnd: '建设年度', mj: '面积',
  pzwh: '批准文号', pzlx: '批准类型', pzrq: '批准日期', pzmj: '批准面积', jcbh: '监测编号', ly: '来源', qsxdl: '前时相地类',
  hsxdl: '后时相地类', qsx: '前时相', hsx: '后时相', code: '行政区代码', name: '名称', level: '级别', parent_code: '上级代码',
  county_code: '县级代码', year: '年度', fid: '要素号',
};
const LAYER_NAMES: Record<string, string> = {
  DLTB: '地类图斑', YJJBNT: '永久基本农田', GBZNT: '高标准农田', PZYD: '批准用地', BHTB: '变化图斑', XZQ: '行政区',
};
const HIDDEN = new Set(['county_code', 'year', 'fid']);

export interface IdentifyResult { layer: string; spatialCode: string; areaM2: number; areaMu: number; year: number }

/** Click a feature: the panel shows the stored record of the topmost identifiable layer at that pixel. */
export class IdentifyTool {
  private readonly highlight = new VectorSource();
  private readonly panel = document.getElementById('identify-panel')!;
  private readonly body = document.getElementById('identify-body')!;
  private readonly title = document.getElementById('identify-title')!;
  last: IdentifyResult | null = null;
  enabled = true;

  constructor(private readonly map: Map, private readonly layers: MapLayer[], private readonly year: () => number | undefined) {
    map.addLayer(new VectorLayer({
      source: this.highlight,
      zIndex: 200,
      style: new Style({ stroke: new Stroke({ color: '#00e5ff', width: 3 }), fill: new Fill({ color: 'rgba(0,229,255,0.12)' }) }),
    }));
    map.on('singleclick', (event) => {
      if (!this.enabled) return;
      const hit = this.hitAt(event.pixel);
      if (hit) void this.show(hit.layer, hit.code);
      else this.close();
    });
  }

  private hitAt(pixel: number[]): { layer: MapLayer; code: string } | null {
    let thematic: { layer: MapLayer; code: string } | null = null;
    let admin: { layer: MapLayer; code: string; level: number } | null = null;
    this.map.forEachFeatureAtPixel(pixel, (feature, olLayer) => {
      const entry = this.layers.find((l) => l.layer === olLayer);
      const code = feature.get('spatial_code') as string | undefined;
      if (!entry || !code) return undefined;
      if (entry.id === 'admin') {
        // Admin units are the base: the finest unit hit is the answer only where no thematic feature is hit.
        const level = Number(feature.get('level'));
        if (!admin || level > admin.level) admin = { layer: entry, code, level };
        return undefined;
      }
      thematic = { layer: entry, code };
      return true;
    }, { hitTolerance: 1, layerFilter: (l) => this.layers.some((e) => e.layer === l && e.layer.getVisible()) });
    return thematic ?? admin;
  }

  /** Opens the panel for a parcel of a layer by spatial code (also used by search). */
  async show(layer: MapLayer, code: string): Promise<void> {
    this.panel.hidden = false;
    this.title.textContent = `${LAYER_NAMES[layer.parcelLayer] ?? layer.title}信息`;
    this.body.innerHTML = '<p class="muted">正在查询…</p>';
    let parcels: Parcel[];
    try {
      parcels = await api.parcels(code);
    } catch (e) {
      this.body.innerHTML = `<p class="error">查询失败：${escapeHtml(String((e as Error).message))}</p>`;
      return;
    }
    const year = this.year();
    const parcel = parcels.find((p) => p.layer === layer.parcelLayer && (year === undefined || p.year === year))
      ?? parcels.find((p) => p.layer === layer.parcelLayer) ?? parcels[0];
    if (!parcel) {
      this.body.innerHTML = '<p class="muted">未找到该图斑</p>';
      return;
    }
    this.render(parcel);
  }

  private render(parcel: Parcel): void {
    this.last = { layer: parcel.layer, spatialCode: parcel.spatialCode, areaM2: parcel.areaM2, areaMu: parcel.areaMu, year: parcel.year };
    const rows = Object.entries(parcel.attributes)
      .filter(([key, value]) => value !== null && value !== '' && !HIDDEN.has(key))
      .map(([key, value]) => `<tr><th>${escapeHtml(FIELD_NAMES[key] ?? key)}</th><td>${escapeHtml(String(value))}</td></tr>`)
      .join('');
    this.body.innerHTML = `
      <div class="area-cards">
        <div class="area-card"><span class="label">官方面积</span><strong id="identify-area-m2" data-value="${parcel.areaM2}">${formatM2(parcel.areaM2)}</strong></div>
        <div class="area-card"><span class="label">折合</span><strong id="identify-area-mu" data-value="${parcel.areaMu}">${formatMu(parcel.areaMu)}</strong></div>
      </div>
      <div class="code-block">
        <div><span class="label">空间码</span><code id="identify-code">${escapeHtml(parcel.spatialCode)}</code>
          <p class="muted small">${parcel.year} 年度 · ${escapeHtml(LAYER_NAMES[parcel.layer] ?? parcel.layer)}</p>
          <a class="small" href="/p/${encodeURIComponent(parcel.spatialCode)}" target="_blank" rel="noopener">打开图斑页面</a></div>
        <img class="qr" src="${qrSvgUrl(parcel.spatialCode)}" alt="空间码二维码" width="112" height="112" />
      </div>
      <table class="attrs"><tbody>${rows}</tbody></table>`;
    this.highlight.clear();
    if (parcel.geometry) {
      const geometry = new GeoJSON().readGeometry(parcel.geometry, { dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
      if (geometry) this.highlight.addFeature(new Feature(geometry));
    }
  }

  close(): void {
    this.panel.hidden = true;
    this.highlight.clear();
    this.last = null;
  }
}
