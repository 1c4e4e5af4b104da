import type { FeatureLike } from 'ol/Feature';
import MVT from 'ol/format/MVT';
import VectorTileLayer from 'ol/layer/VectorTile';
import VectorTileSource from 'ol/source/VectorTile';
import { Fill, Stroke, Style, Text } from 'ol/style';
import { createXYZ } from 'ol/tilegrid';
import { tileUrl } from '../api';
import { CHANGE_CLASS, landClassColour, rgba } from './palette';

/** One tiled layer of the map: the server's layer id, its Chinese title and the OpenLayers layer drawing it. */
export interface MapLayer {
  id: string;
  title: string;
  /** The parcels API's layer name for identify (XZQ for admin units). */
  parcelLayer: string;
  layer: VectorTileLayer;
  source: VectorTileSource;
}

/** Tiles are made up to z16; deeper zooms reuse (overzoom) them. */
const TILE_GRID = createXYZ({ maxZoom: 16, tileSize: 512 });

export function createSource(id: string, year: number | undefined): VectorTileSource {
  return new VectorTileSource({
    format: new MVT(),
    url: tileUrl(id, year),
    // 512 px tiles: tile z/x/y covers the same ground as the standard XYZ tile, drawn at twice the pixels, so a
    // screen needs a quarter of the requests.
    tileGrid: TILE_GRID,
  });
}

const styleCache = new Map<string, Style>();
function cached(key: string, make: () => Style): Style {
  let style = styleCache.get(key);
  if (!style) {
    style = make();
    styleCache.set(key, style);
  }
  return style;
}

function dltbStyle(feature: FeatureLike, resolution: number): Style {
  const dlbm = String(feature.get('dlbm') ?? '');
  const outline = resolution < 20;
  return cached(`dltb:${dlbm}:${outline}`, () => new Style({
    fill: new Fill({ color: rgba(landClassColour(dlbm), 0.92) }),
    stroke: outline ? new Stroke({ color: 'rgba(90,90,90,0.55)', width: 0.6 }) : undefined,
  }));
}

const ADMIN_LINE: Record<number, Stroke> = {
  3: new Stroke({ color: '#1d3f72', width: 2.6 }),
  4: new Stroke({ color: '#2f5f9e', width: 1.6, lineDash: [8, 4] }),
  5: new Stroke({ color: 'rgba(60,90,140,0.75)', width: 0.9, lineDash: [4, 3] }),
  6: new Stroke({ color: 'rgba(60,90,140,0.45)', width: 0.6, lineDash: [2, 3] }),
};
const LABEL_FONT: Record<number, string> = {
  3: '600 16px "Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif',
  4: '600 14px "Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif',
  5: '12px "Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif',
  6: '11px "Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif',
};

function adminStyle(feature: FeatureLike): Style | undefined {
  const level = Number(feature.get('level') ?? 5);
  if (feature.get('layer') === 'admin_label') {
    return new Style({
      text: new Text({
        text: String(feature.get('name') ?? ''),
        font: LABEL_FONT[level] ?? LABEL_FONT[5]!,
        fill: new Fill({ color: level <= 4 ? '#12325e' : '#2b4870' }),
        stroke: new Stroke({ color: 'rgba(255,255,255,0.95)', width: 3 }),
        overflow: true,
      }),
      zIndex: 10 - level,
    });
  }
  return cached(`admin:${level}`, () => new Style({ stroke: ADMIN_LINE[level] ?? ADMIN_LINE[6]! }));
}

/** The base under everything (no online base map): the county area in a soft paper tone. */
function adminBaseStyle(feature: FeatureLike): Style | undefined {
  if (feature.get('layer') !== 'admin' || Number(feature.get('level')) !== 3) return undefined;
  return cached('admin-base', () => new Style({ fill: new Fill({ color: '#f4f1e8' }), stroke: new Stroke({ color: '#c9c2ad', width: 6 }) }));
}

/** Overlays: filled and outlined when zoomed in; at county scale the outlines would bury everything, so fill only. */
const overlayStyle = (stroke: string, fill: string, dash?: number[]) => {
  const near = new Style({ stroke: new Stroke({ color: stroke, width: 1.8, lineDash: dash }), fill: new Fill({ color: fill }) });
  const far = new Style({ fill: new Fill({ color: fill }) });
  return (_feature: FeatureLike, resolution: number) => (resolution < 8 ? near : far);
};

function bhtbStyle(feature: FeatureLike): Style {
  const cls = String(feature.get('class') ?? 'unscreened');
  const colour = (CHANGE_CLASS[cls] ?? CHANGE_CLASS.unscreened!).colour;
  return cached(`bhtb:${cls}`, () => new Style({
    stroke: new Stroke({ color: colour, width: 2.2 }),
    fill: new Fill({ color: `${colour}66` }),
  }));
}

export interface LayerSpec { id: string; title: string; parcelLayer: string; visible: boolean; minZoom?: number; z: number; style: (f: FeatureLike, r: number) => Style | undefined; declutter?: boolean }

/** The one map's layers, bottom to top; the admin boundaries and labels sit on top of the thematic layers. */
export const LAYER_SPECS: LayerSpec[] = [
  { id: 'dltb', title: '地类图斑', parcelLayer: 'DLTB', visible: true, minZoom: 10, z: 10, style: dltbStyle },
  { id: 'yjjbnt', title: '永久基本农田', parcelLayer: 'YJJBNT', visible: true, minZoom: 10, z: 20, style: overlayStyle('#b8860b', 'rgba(255,196,0,0.22)') },
  { id: 'gbznt', title: '高标准农田', parcelLayer: 'GBZNT', visible: false, z: 30, style: overlayStyle('#1b7f3b', 'rgba(27,127,59,0.16)', [6, 3]) },
  { id: 'pzyd', title: '批准用地', parcelLayer: 'PZYD', visible: false, z: 40, style: overlayStyle('#7b3fb3', 'rgba(123,63,179,0.18)') },
  { id: 'bhtb', title: '变化图斑', parcelLayer: 'BHTB', visible: true, z: 50, style: bhtbStyle },
  { id: 'admin', title: '行政区划', parcelLayer: 'XZQ', visible: true, z: 90, style: (f) => adminStyle(f), declutter: true },
];

/** Builds the tiled layers for a year; the admin source is shared by the base fill and the boundary layer. */
export function createLayers(year: number | undefined, only?: string[]): { layers: MapLayer[]; base: VectorTileLayer } {
  const layers: MapLayer[] = [];
  let adminSource: VectorTileSource | undefined;
  for (const spec of LAYER_SPECS) {
    if (only && !only.includes(spec.id)) continue;
    const source = createSource(spec.id, year);
    if (spec.id === 'admin') adminSource = source;
    const layer = new VectorTileLayer({
      source,
      style: spec.style,
      visible: spec.visible,
      zIndex: spec.z,
      declutter: spec.declutter ?? false,
      minZoom: spec.minZoom,
      renderBuffer: 64,
      properties: { id: spec.id, title: spec.title },
    });
    layers.push({ id: spec.id, title: spec.title, parcelLayer: spec.parcelLayer, layer, source });
  }
  const base = new VectorTileLayer({ source: adminSource ?? createSource('admin', year), style: adminBaseStyle, zIndex: 0, properties: { id: 'admin-base' } });
  return { layers, base };
}
