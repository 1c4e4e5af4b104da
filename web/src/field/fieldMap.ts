import Feature from 'ol/Feature';
import type Map from 'ol/Map';
import { LineString, Point, Polygon } from 'ol/geom';
import Draw from 'ol/interaction/Draw';
import VectorLayer from 'ol/layer/Vector';
import { fromLonLat, toLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import { Circle as CircleStyle, Fill, Stroke, Style } from 'ol/style';
import { createMap } from '../map/createMap';
import { createLayers } from '../map/layers';

/**
 * The patrol map: admin units from the server's tiles when online (nothing else is needed to patrol), the track
 * recorded on this phone, the current position, and a polygon drawn for a finding.
 */
export class FieldMap {
  private readonly map: Map;
  private readonly track = new LineString([]);
  private readonly here = new Feature<Point>();
  private readonly drawn = new VectorSource();
  private draw: Draw | null = null;

  constructor(target: HTMLElement) {
    this.map = createMap(target, null);
    const { layers, base } = createLayers(undefined, ['admin']);
    this.map.addLayer(base);
    for (const l of layers) this.map.addLayer(l.layer);
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
