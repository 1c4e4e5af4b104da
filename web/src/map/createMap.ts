import Map from 'ol/Map';
import View from 'ol/View';
import { defaults as defaultControls, ScaleLine } from 'ol/control';
import { transformExtent } from 'ol/proj';
import type { Extent } from 'ol/extent';

/** The data extent from /tiles/layers.json (CGCS2000 lon/lat, taken as EPSG:4326 for display) in map units. */
export function toMapExtent(lonLat: readonly [number, number, number, number]): Extent {
  return transformExtent([...lonLat], 'EPSG:4326', 'EPSG:3857');
}

/**
 * A map without any online base layer (the platform runs without internet): the admin units drawn as the base.
 * CGCS2000 coordinates differ from WGS 84 by centimetres, far below screen resolution, so they are shown as 4326.
 */
export function createMap(target: HTMLElement, extent: readonly [number, number, number, number] | null): Map {
  const map = new Map({
    target,
    controls: defaultControls({ attribution: false, rotate: false }).extend([new ScaleLine({ units: 'metric' })]),
    view: new View({ center: [11488171, 4232038], zoom: 10, maxZoom: 20, constrainResolution: false }),
  });
  if (extent) {
    map.getView().fit(toMapExtent(extent), { padding: [24, 24, 24, 24], size: map.getSize() ?? [target.clientWidth, target.clientHeight] });
  }
  return map;
}
