import Feature from 'ol/Feature';
import type Map from 'ol/Map';
import { LineString, Point, Polygon } from 'ol/geom';
import Draw from 'ol/interaction/Draw';
import type BaseLayer from 'ol/layer/Base';
import VectorLayer from 'ol/layer/Vector';
import { fromLonLat, toLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import { Circle as CircleStyle, Fill, Stroke, Style } from 'ol/style';
import { createMap } from '../map/createMap';
import { createLayers } from '../map/layers';

/**
 * The patrol map: admin units and land-use patches from the server's tiles when online (nothing else is needed to
 * patrol), the track recorded on this phone, the current position, and a polygon drawn for a finding.
 */
export class FieldMap {
  private readonly map: Map;
  private readonly track = new LineString([]);
  private readonly here = new Feature<Point>();
  private readonly drawn = new VectorSource();
  private draw: Draw | null = null;
  private parcels: BaseLayer | null = null;

  constructor(target: HTMLElement) {
    this.map = createMap(target, null);
    // Admin units and, close up, the land-use patches with their spatial codes (the parcel under the phone).
    const { layers, base } = createLayers(undefined, ['admin', 'dltb']);
    this.map.addLayer(base);
    for (const l of layers) {
      if (l.id === 'dltb') {
        l.layer.setVisible(true);
        this.parcels = l.layer;
      }
      this.map.addLayer(l.layer);
    }
    this.map.addLayer(new VectorLayer({
      source: new VectorSource({ features: [new Feature(this.track), this.here] }),
      zIndex: 50,
      style: (f) => f.getGeometry() instanceof Point
        ? new Style({ image: new CircleStyle({ radius: 7, fill: new Fill({ color: '#16a34a' }), stroke: new Stroke({ color: '#fff', width: 2 }) }) })
        : new Style({ stroke: new Stroke({ color: '#e11d48', width: 4 }) }),
    }));
    this.map.addLayer(new VectorLayer({
      source: this.drawn, zIndex: 60,
      style: new Style({ fill: new Fill({ color: 'rgba(245,158,11,.3)' }), stroke: new Stroke({ color: '#d97706', width: 2 }) }),
    }));
    this.map.getView().setZoom(16);
  }

  resize(): void {
    this.map.updateSize();
  }

  addFix(lon: number, lat: number): void {
    const c = fromLonLat([lon, lat]);
    this.track.appendCoordinate(c);
    this.here.setGeometry(new Point(c));
    this.map.getView().setCenter(c);
  }

  /** The land-use patch drawn under a position (from the tiles on screen), or null offline or between patches. */
  parcelAt(lon: number, lat: number): { spatialCode: string; dlmc: string } | null {
    const parcels = this.parcels;
    if (!parcels) return null;
    const pixel = this.map.getPixelFromCoordinate(fromLonLat([lon, lat]));
    if (!pixel) return null;
    let found: { spatialCode: string; dlmc: string } | null = null;
    this.map.forEachFeatureAtPixel(pixel, (feature) => {
      const code = feature.get('spatial_code') as string | undefined;
      if (code) found = { spatialCode: code, dlmc: String(feature.get('dlmc') ?? '') };
      return found !== null;
    }, { layerFilter: (layer) => layer === parcels, hitTolerance: 0 });
    return found;
  }

  clearTrack(): void {
    this.track.setCoordinates([]);
  }

  startDrawing(): void {
    this.stopDrawing();
    this.drawn.clear();
    this.draw = new Draw({ source: this.drawn, type: 'Polygon' });
    this.draw.on('drawstart', () => this.drawn.clear());
    this.map.addInteraction(this.draw);
  }

  stopDrawing(): void {
    if (this.draw) this.map.removeInteraction(this.draw);
    this.draw = null;
  }

  /** The drawn polygon as GeoJSON in lon/lat, or null. */
  drawnPolygon(): { type: 'Polygon'; coordinates: number[][][] } | null {
    const geometry = this.drawn.getFeatures()[0]?.getGeometry();
    if (!(geometry instanceof Polygon)) return null;
    return { type: 'Polygon', coordinates: geometry.getCoordinates().map((ring) => ring.map((c) => toLonLat(c))) };
  }

  summary(): { trackPoints: number; drawn: number } {
    return { trackPoints: this.track.getCoordinates().length, drawn: this.drawn.getFeatures().length };
  }
}
