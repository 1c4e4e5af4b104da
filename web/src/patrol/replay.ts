import Feature from 'ol/Feature';
import type Map from 'ol/Map';
import { LineString, Point } from 'ol/geom';
import VectorLayer from 'ol/layer/Vector';
import { fromLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import { Circle as CircleStyle, Fill, Stroke, Style } from 'ol/style';
import { chinaTime, type ReplayFix } from './data';

const COLOURS = { ok: '#2563eb', jump: '#dc2626', poor: '#f59e0b', outside: '#9333ea' };

function kindOf(f: ReplayFix): keyof typeof COLOURS {
  return f.jump ? 'jump' : f.poorAccuracy ? 'poor' : f.outsideCell ? 'outside' : 'ok';
}

export function flagText(f: ReplayFix): string {
  return [f.jump ? '跳点' : '', f.poorAccuracy ? '精度差' : '', f.outsideCell ? '网格外' : ''].filter(Boolean).join('、');
}

/**
 * The replay of one task's track: the whole line, every fix as a dot coloured by its plausibility flag (the API's
 * jump / poor_accuracy / outside_cell), the part already walked drawn thicker, and a marker that a slider (one step
 * per fix) or the play button moves along in real time × the chosen rate.
 */
export class TrackReplay {
  private readonly source = new VectorSource();
  private readonly walked = new LineString([]);
  private readonly marker = new Feature<Point>();
  private fixes: ReplayFix[] = [];
  private timer: number | null = null;
  readonly layer: VectorLayer;

  constructor(private readonly map: Map, private readonly ui: {
    slider: HTMLInputElement; play: HTMLButtonElement; rate: HTMLSelectElement; time: HTMLElement; speed: HTMLElement; distance: HTMLElement; flag: HTMLElement;
  }) {
    this.layer = new VectorLayer({ source: this.source, zIndex: 50 });
    map.addLayer(this.layer);
    ui.slider.addEventListener('input', () => { this.stop(); this.show(Number(ui.slider.value)); });
    ui.play.addEventListener('click', () => (this.timer === null ? this.play() : this.stop()));
  }

  load(fixes: ReplayFix[]): void {
    this.stop();
    this.fixes = fixes;
    this.source.clear();
    const coords = fixes.map((f) => fromLonLat([f.lon, f.lat]));
    const line = new Feature(new LineString(coords));
    line.setStyle(new Style({ stroke: new Stroke({ color: 'rgba(37,99,235,.45)', width: 3, lineDash: [6, 6] }) }));
    line.set('role', 'track');
    const walked = new Feature(this.walked);
    walked.setStyle(new Style({ stroke: new Stroke({ color: '#1d4ed8', width: 5 }) }));
    walked.set('role', 'walked');
    const dots = fixes.map((f, i) => {
      const kind = kindOf(f);
      const dot = new Feature(new Point(coords[i]!));
      dot.setProperties({ role: 'fix', index: i, kind });
      dot.setStyle(new Style({
        image: new CircleStyle({ radius: kind === 'ok' ? 3.5 : 6, fill: new Fill({ color: COLOURS[kind] }), stroke: new Stroke({ color: '#fff', width: 1.5 }) }),
        zIndex: kind === 'ok' ? 1 : 2,
      }));
      return dot;
    });
    this.marker.setStyle(new Style({
      image: new CircleStyle({ radius: 9, fill: new Fill({ color: '#16a34a' }), stroke: new Stroke({ color: '#fff', width: 3 }) }), zIndex: 10,
    }));
    this.marker.set('role', 'marker');
    this.source.addFeatures([line, walked, ...dots, this.marker]);
    this.ui.slider.min = '0';
    this.ui.slider.max = String(Math.max(0, fixes.length - 1));
    this.ui.slider.value = '0';
    this.ui.slider.disabled = fixes.length === 0;
    this.ui.play.disabled = fixes.length < 2;
    if (fixes.length > 0) {
      const extent = this.source.getExtent();
      if (extent) this.map.getView().fit(extent, { padding: [40, 40, 40, 40], maxZoom: 18, duration: 0 });
      this.show(0);
    } else {
      this.walked.setCoordinates([]);
      this.marker.setGeometry(undefined);
      for (const el of [this.ui.time, this.ui.speed, this.ui.distance]) el.textContent = '—';
      this.ui.flag.textContent = '';
    }
  }

  /** Moves the marker to fix i and shows its time, speed and the distance walked so far. */
  show(i: number): void {
    const fix = this.fixes[i];
    if (!fix) return;
    this.ui.slider.value = String(i);
    const coords = this.fixes.slice(0, i + 1).map((f) => fromLonLat([f.lon, f.lat]));
    this.walked.setCoordinates(coords);
    this.marker.setGeometry(new Point(coords[coords.length - 1]!));
    const distance = this.fixes.slice(1, i + 1).reduce((s, f) => s + f.distanceM, 0);
    this.ui.time.textContent = chinaTime(fix.time, false);
    this.ui.speed.textContent = fix.speedMps === null ? '—' : `${(fix.speedMps * 3.6).toFixed(1)} km/h`;
    this.ui.speed.dataset.mps = fix.speedMps === null ? '' : String(fix.speedMps);
    this.ui.distance.textContent = distance >= 1000 ? `${(distance / 1000).toFixed(2)} km` : `${distance.toFixed(0)} m`;
    this.ui.flag.textContent = flagText(fix);
  }

  /** Plays from the slider's position: each step waits the real time between the fixes divided by the rate (at most 1 s). */
  play(): void {
    if (this.fixes.length < 2) return;
    let i = Number(this.ui.slider.value);
    if (i >= this.fixes.length - 1) i = 0;
    this.ui.play.textContent = '暂停';
    this.ui.play.setAttribute('aria-pressed', 'true');
    const step = () => {
      this.show(i);
      if (i >= this.fixes.length - 1) { this.stop(); return; }
      const wait = Math.min(1000, (this.fixes[i + 1]!.seconds * 1000) / Number(this.ui.rate.value));
      i++;
      this.timer = window.setTimeout(step, Math.max(30, wait));
    };
    step();
  }

  stop(): void {
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = null;
    this.ui.play.textContent = '播放';
    this.ui.play.setAttribute('aria-pressed', 'false');
  }

  /** What the tests read: features by role, flagged fixes, slider range. */
  summary(): { features: number; fixes: number; flagged: number; track: number; sliderMax: number; position: number } {
    const features = this.source.getFeatures();
    return {
      features: features.length,
      fixes: features.filter((f) => f.get('role') === 'fix').length,
      flagged: features.filter((f) => f.get('role') === 'fix' && f.get('kind') !== 'ok').length,
      track: features.filter((f) => f.get('role') === 'track').length,
      sliderMax: Number(this.ui.slider.max),
      position: Number(this.ui.slider.value),
    };
  }
}
