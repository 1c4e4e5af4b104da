import type Map from 'ol/Map';
import { fromLonLat, toLonLat } from 'ol/proj';
import type VectorTileLayer from 'ol/layer/VectorTile';
import type VectorTileSource from 'ol/source/VectorTile';

/**
 * What the browser tests read (tests/Gengbao.Web.Tests): tile loads, rendered features, pixel/coordinate helpers.
 * It only observes the page; nothing in the UI depends on it.
 */
export interface GengbaoHook {
  page: string;
  ready: boolean;
  tiles: { loaded: number; failed: number; empty: number };
  renderComplete: number;
  map?: Map;
  /** Features of a tiled layer in the loaded tiles that intersect the current view. */
  featuresInView: (layerId: string) => number;
  pixelOf: (lon: number, lat: number) => [number, number] | null;
  lonLatOf: (x: number, y: number) => [number, number] | null;
  centerOn: (lon: number, lat: number, zoom: number) => void;
  viewState: () => { lon: number; lat: number; zoom: number } | null;
  [key: string]: unknown;
}

declare global {
  interface Window { __gengbao: GengbaoHook }
}

export function installHook(page: string): GengbaoHook {
  const hook: GengbaoHook = {
    page,
    ready: false,
    tiles: { loaded: 0, failed: 0, empty: 0 },
    renderComplete: 0,
    featuresInView: () => 0,
    pixelOf: () => null,
    lonLatOf: () => null,
    centerOn: () => undefined,
    viewState: () => null,
  };
  window.__gengbao = hook;
  return hook;
}

/** Connects the hook to a map and its tiled layers. */
export function observeMap(hook: GengbaoHook, map: Map, layers: Array<{ id: string; layer: VectorTileLayer; source: VectorTileSource }>): void {
  hook.map = map;
  for (const { source } of layers) {
    source.on('tileloadend', () => { hook.tiles.loaded++; });
    source.on('tileloaderror', () => { hook.tiles.failed++; });
  }
  map.on('rendercomplete', () => { hook.renderComplete++; });
  hook.featuresInView = (layerId) => {
    const entry = layers.find((l) => l.id === layerId);
    if (!entry) return 0;
    return entry.layer.getFeaturesInExtent(map.getView().calculateExtent(map.getSize())).length;
  };
  hook.pixelOf = (lon, lat) => {
    const pixel = map.getPixelFromCoordinate(fromLonLat([lon, lat]));
    return pixel ? [pixel[0]!, pixel[1]!] : null;
  };
  hook.lonLatOf = (x, y) => {
    const coordinate = map.getCoordinateFromPixel([x, y]);
    return coordinate ? (toLonLat(coordinate) as [number, number]) : null;
  };
  hook.centerOn = (lon, lat, zoom) => {
    map.getView().setCenter(fromLonLat([lon, lat]));
    map.getView().setZoom(zoom);
  };
  hook.viewState = () => {
    const center = map.getView().getCenter();
    if (!center) return null;
    const [lon, lat] = toLonLat(center);
    return { lon: lon!, lat: lat!, zoom: map.getView().getZoom() ?? 0 };
  };
}
