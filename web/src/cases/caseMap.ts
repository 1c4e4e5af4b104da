import type Map from 'ol/Map';
import Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import Point from 'ol/geom/Point';
import VectorLayer from 'ol/layer/Vector';
import { fromLonLat, transformExtent } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import { Circle as CircleStyle, Fill, RegularShape, Stroke, Style } from 'ol/style';
import { createEmpty, extend, isEmpty, type Extent } from 'ol/extent';
import type { FeatureLike } from 'ol/Feature';
import type { TileCatalog } from '../api';
import { createMap } from '../map/createMap';
import { createLayers } from '../map/layers';
import { CHANGE_CLASS } from '../map/palette';
import { observeMap, type GengbaoHook } from '../testHook';

/**
 * The maps of 案件办理 (docs/web.md, "Cases page"): one case over the one map's vector tiles (地类图斑, 永久基本农田, 批准用地,
 * admin units; nothing from the internet), coloured by its code, with its located evidence; and an overview of the
 * listed cases as coloured markers. Case geometries come from /api/cases as CGCS2000 lon/lat GeoJSON, drawn as
 * EPSG:4326 like the one map (createMap.ts: the datums differ by centimetres).
 */
export interface EvidencePoint { kind: 'finding' | 'photo' | 'clue'; refId: number; lon: number; lat: number; label: string; at: string | null }
export interface MappedCase { id: number; code: string; lon?: number | null; lat?: number | null }

const codeColour = (code: string) => (CHANGE_CLASS[code] ?? CHANGE_CLASS.unscreened!).colour;
const FORMAT = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

export const EVIDENCE_LABEL: Record<EvidencePoint['kind'], string> = { finding: '巡查发现位置', photo: '照片拍摄位置', clue: '群众举报位置' };
const EVIDENCE_STYLE: Record<EvidencePoint['kind'], Style> = {
  finding: new Style({ image: new RegularShape({ points: 3, radius: 9, fill: new Fill({ color: '#1d4ed8' }), stroke: new Stroke({ color: '#fff', width: 2 }) }), zIndex: 3 }),
  photo: new Style({ image: new RegularShape({ points: 4, radius: 7, angle: Math.PI / 4, fill: new Fill({ color: '#7c3aed' }), stroke: new Stroke({ color: '#fff', width: 2 }) }), zIndex: 4 }),
  clue: new Style({ image: new CircleStyle({ radius: 5, fill: new Fill({ color: '#0e7490' }), stroke: new Stroke({ color: '#fff', width: 2 }) }), zIndex: 3 }),
};

function latestYear(catalog: TileCatalog): number | undefined {
  const years = catalog.layers.flatMap((l) => l.years);
  return years.length > 0 ? Math.max(...years) : undefined;
}

function caseStyle(feature: FeatureLike): Style[] {
  const colour = codeColour(String(feature.get('code')));
  const measured = feature.get('role') === 'measured';
  if (feature.getGeometry()?.getType() === 'Point') {
    return [new Style({ image: new CircleStyle({ radius: 13, fill: new Fill({ color: colour }), stroke: new Stroke({ color: '#1f2937', width: 2.5 }) }), zIndex: 2 })];
  }
  return [
    // A dark casing around the coloured outline keeps a yellow patch readable over yellow farmland (旱地, 永久基本农田).
    new Style({ stroke: new Stroke({ color: 'rgba(31,41,55,0.85)', width: measured ? 4 : 7 }), zIndex: 1 }),
    new Style({
      stroke: new Stroke({ color: colour, width: measured ? 2 : 3.5, lineDash: measured ? [6, 4] : undefined }),
      fill: measured ? undefined : new Fill({ color: `${colour}66` }),
      zIndex: 2,
    }),
  ];
}

/** The map of one case, made when the first case is opened (its card is hidden before, so it would have no size). */
export class CaseMap {
  readonly map: Map;
  private readonly source = new VectorSource();

  constructor(target: HTMLElement, catalog: TileCatalog, private readonly hook: GengbaoHook) {
    this.map = createMap(target, catalog.extent);
    const { layers, base } = createLayers(latestYear(catalog), ['dltb', 'yjjbnt', 'pzyd', 'admin']);
    this.map.addLayer(base);
    for (const l of layers) {
      l.layer.setVisible(true); // 批准用地 is off by default on the one map; here it explains why a patch may be legal
      this.map.addLayer(l.layer);
    }
    this.map.addLayer(new VectorLayer({ source: this.source, style: (f) => (f.get('role') === 'evidence' ? EVIDENCE_STYLE[f.get('kind') as EvidencePoint['kind']] : caseStyle(f)), zIndex: 100 }));
    observeMap(hook, this.map, layers);
  }

  /** Draws the case (and its measured polygon, if any) with its evidence and zooms to them. */
  show(c: MappedCase, geometry: unknown, measured: unknown, evidence: EvidencePoint[]): void {
    this.map.updateSize();
    this.source.clear();
    const features: Feature[] = [];
    if (geometry) features.push(new Feature({ geometry: FORMAT.readGeometry(geometry) ?? undefined, role: 'case', code: c.code, caseId: c.id }));
    if (measured) features.push(new Feature({ geometry: FORMAT.readGeometry(measured) ?? undefined, role: 'measured', code: c.code, caseId: c.id }));
    for (const e of evidence) {
      features.push(new Feature({ geometry: new Point(fromLonLat([e.lon, e.lat])), role: 'evidence', kind: e.kind, label: e.label }));
    }
    this.source.addFeatures(features);
    const extent = createEmpty();
    for (const f of features) { const g = f.getGeometry(); if (g) extend(extent, g.getExtent()); }
    if (!isEmpty(extent)) {
      // A point case zooms to street level (z17); a patch fills the map with a margin around it, a small one up to z19
      // (the tiles stop at z16 and are overzoomed, which keeps parcel edges sharp).
      const onlyPoints = features.every((f) => f.getGeometry()?.getType() === 'Point');
      this.map.getView().fit(extent, { padding: [36, 36, 36, 36], maxZoom: onlyPoints ? 17 : 19, size: this.map.getSize() });
    }
    const view = this.map.getView().calculateExtent(this.map.getSize());
    this.hook.caseMap = {
      caseId: c.id,
      code: c.code,
      features: this.source.getFeatures().filter((f) => f.get('role') === 'case').length,
      geometryType: features[0]?.getGeometry()?.getType() ?? null,
      evidence: evidence.length,
      evidenceKinds: evidence.map((e) => e.kind),
      caseExtent: isEmpty(extent) ? null : transformExtent(extent, 'EPSG:3857', 'EPSG:4326'),
      viewExtent: transformExtent(view, 'EPSG:3857', 'EPSG:4326'),
      caseInView: !isEmpty(extent) && containsExtent(view, extent),
      rendered: false,
    };
    this.map.once('rendercomplete', () => { (this.hook.caseMap as { rendered: boolean }).rendered = true; });
    this.map.render();
  }
}

function containsExtent(outer: Extent, inner: Extent): boolean {
  return outer[0]! <= inner[0]! && outer[1]! <= inner[1]! && outer[2]! >= inner[2]! && outer[3]! >= inner[3]!;
}

/** The listed cases as markers coloured by code over the admin units; clicking one selects that case. */
export class CaseOverview {
  readonly map: Map;
  private readonly source = new VectorSource();
  private selected: number | null = null;

  constructor(target: HTMLElement, private readonly catalog: TileCatalog, hook: GengbaoHook, onSelect: (id: number) => void) {
    this.map = createMap(target, catalog.extent);
    const { layers, base } = createLayers(latestYear(catalog), ['admin']);
    this.map.addLayer(base);
    for (const l of layers) this.map.addLayer(l.layer);
    this.map.addLayer(new VectorLayer({ source: this.source, style: (f) => this.markerStyle(f), zIndex: 100 }));
    this.map.on('singleclick', (event) => {
      const hit = this.map.forEachFeatureAtPixel(event.pixel, (f) => f, { hitTolerance: 6 });
      const id = Number(hit?.get('caseId'));
      if (id) onSelect(id);
    });
    this.map.on('pointermove', (event) => {
      target.style.cursor = this.map.hasFeatureAtPixel(event.pixel, { hitTolerance: 6 }) ? 'pointer' : '';
    });
    hook.overview = {
      markers: () => this.source.getFeatures().length,
      // Page coordinates of a case's marker (for a click), null when it has none or it is off the map.
      markerPoint: (id: number) => {
        const f = this.source.getFeatures().find((x) => x.get('caseId') === id);
        const pixel = f ? this.map.getPixelFromCoordinate((f.getGeometry() as Point).getCoordinates()) : null;
        if (!pixel) return null;
        const box = target.getBoundingClientRect();
        return [box.left + window.scrollX + pixel[0]!, box.top + window.scrollY + pixel[1]!];
      },
      selected: () => this.selected,
      zoom: () => this.map.getView().getZoom() ?? null,
    };
  }

  private markerStyle(f: FeatureLike): Style {
    const selected = f.get('caseId') === this.selected;
    return new Style({
      image: new CircleStyle({
        radius: selected ? 9 : 6,
        fill: new Fill({ color: codeColour(String(f.get('code'))) }),
        stroke: new Stroke({ color: selected ? '#1e3a8a' : '#fff', width: selected ? 3 : 1.5 }),
      }),
      zIndex: selected ? 2 : 1,
    });
  }

  /** Shows the listed cases (those with a location) and zooms to them. */
  setCases(cases: MappedCase[]): void {
    this.map.updateSize();
    this.source.clear();
    this.source.addFeatures(cases.filter((c) => c.lon != null && c.lat != null)
      .map((c) => new Feature({ geometry: new Point(fromLonLat([c.lon!, c.lat!])), caseId: c.id, code: c.code })));
    const extent = this.source.getExtent();
    if (this.source.getFeatures().length > 0 && extent && !isEmpty(extent)) {
      this.map.getView().fit(extent, { padding: [24, 24, 24, 24], maxZoom: 14, size: this.map.getSize() });
    } else if (this.catalog.extent) {
      this.map.getView().fit(transformExtent([...this.catalog.extent], 'EPSG:4326', 'EPSG:3857'), { padding: [12, 12, 12, 12], size: this.map.getSize() });
    }
  }

  select(id: number | null): void {
    this.selected = id;
    this.source.changed();
  }
}
