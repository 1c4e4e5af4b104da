import 'ol/ol.css';
import '../styles/base.css';
import '../styles/portal.css';
import Feature from 'ol/Feature';
import Map from 'ol/Map';
import View from 'ol/View';
import GeoJSON from 'ol/format/GeoJSON';
import Point from 'ol/geom/Point';
import VectorLayer from 'ol/layer/Vector';
import { fromLonLat, toLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import { defaults as defaultControls, ScaleLine } from 'ol/control';
import { type Article, type ArticleKind, kindLabels, loadArticles, searchArticles } from './policies';

// The public portal (公众服务): policy look-up, clue reporting and status look-up, all without an account. It calls
// only the anonymous endpoints (/api/public/...), so it never redirects to sign in.

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const mineKey = 'gengbao.portal.clues';
const maxPhotos = 5;
const maxPhotoBytes = 10 * 1024 * 1024;

interface ClueStatus { trackingNumber: string; status: string; statusLabel: string; receivedAt: string; updatedAt: string; history: { at: string; status: string; label: string }[] }

async function problemText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { detail?: string; title?: string };
    return body.detail ?? body.title ?? response.statusText;
  } catch {
    return response.status === 429 ? '操作过于频繁，请稍后再试' : response.statusText;
  }
}

// ---- tabs ----------------------------------------------------------------------------------------------------

const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('.portal-tabs [data-tab]'));
let mapReady = false;
function show(tab: string): void {
  for (const button of tabs) {
    const selected = button.dataset.tab === tab;
    button.setAttribute('aria-selected', String(selected));
    $(`tab-${button.dataset.tab}`).hidden = !selected;
  }
  if (tab === 'report' && !mapReady) {
    mapReady = true;
    initMap();
  }
  if (tab === 'track') {
    renderMine();
  }
  history.replaceState(null, '', `#${tab}`);
}
for (const button of tabs) {
  button.addEventListener('click', () => show(button.dataset.tab!));
}

// ---- policies ------------------------------------------------------------------------------------------------

let articles: Article[] = [];
let kindFilter: ArticleKind | null = null;

function renderPolicies(): void {
  const found = searchArticles(articles, $<HTMLInputElement>('policy-query').value, kindFilter);
  const list = $('policy-list');
  list.replaceChildren(...found.map((p) => {
    const item = document.createElement('li');
    const title = document.createElement('h3');
    title.textContent = p.title;
    const meta = document.createElement('p');
    meta.className = 'portal-muted';
    meta.textContent = [kindLabels[p.kind], p.issuer, p.year === null ? '' : `${p.year} 年`, p.tags.join('、')].filter((t) => t !== '').join(' · ');
    const points = document.createElement('ul');
    points.replaceChildren(...p.points.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
    item.append(title, meta, points);
    return item;
  }));
  $('policy-count').textContent = `共 ${found.length} 条`;
}
for (const chip of Array.from(document.querySelectorAll<HTMLButtonElement>('#policy-kinds [data-kind]'))) {
  chip.addEventListener('click', () => {
    kindFilter = chip.dataset.kind === '' ? null : (chip.dataset.kind as ArticleKind);
    for (const other of Array.from(document.querySelectorAll<HTMLButtonElement>('#policy-kinds [data-kind]'))) {
      other.setAttribute('aria-pressed', String(other === chip));
    }
    renderPolicies();
  });
}
loadArticles().then((loaded) => {
  articles = loaded;
  renderPolicies();
}).catch((error: unknown) => {
  $('policy-count').textContent = error instanceof Error ? error.message : String(error);
});
$<HTMLInputElement>('policy-query').addEventListener('input', renderPolicies);

// ---- report --------------------------------------------------------------------------------------------------

const marker = new VectorSource();
let map: Map | undefined;

function setPosition(lon: number, lat: number): void {
  $<HTMLInputElement>('report-lon').value = lon.toFixed(6);
  $<HTMLInputElement>('report-lat').value = lat.toFixed(6);
  $('report-position').textContent = `已选位置：东经 ${lon.toFixed(6)}°，北纬 ${lat.toFixed(6)}°`;
  marker.clear();
  marker.addFeature(new Feature(new Point(fromLonLat([lon, lat]))));
}

function initMap(): void {
  const regions = new VectorSource({ url: '/api/public/regions.geojson', format: new GeoJSON() });
  map = new Map({
    target: 'report-map',
    controls: defaultControls({ attribution: false, rotate: false }).extend([new ScaleLine({ units: 'metric' })]),
    layers: [
      new VectorLayer({
        source: regions,
        style: (feature) => new Style({
          fill: new Fill({ color: feature.get('level') === 3 ? 'rgba(22, 163, 74, 0.06)' : 'rgba(22, 163, 74, 0.02)' }),
          stroke: new Stroke({ color: feature.get('level') === 3 ? '#166534' : '#86efac', width: feature.get('level') === 3 ? 2 : 1 }),
          text: feature.get('level') === 4 ? new Text({ text: String(feature.get('name') ?? ''), font: '12px sans-serif', fill: new Fill({ color: '#14532d' }) }) : undefined,
        }),
      }),
      new VectorLayer({
        source: marker,
        style: new Style({ image: new Circle({ radius: 8, fill: new Fill({ color: '#dc2626' }), stroke: new Stroke({ color: '#fff', width: 2 }) }) }),
      }),
    ],
    view: new View({ center: fromLonLat([103.2, 35.6]), zoom: 9, maxZoom: 19 }),
  });
  regions.once('featuresloadend', () => {
    const extent = regions.getExtent();
    if (regions.getFeatures().length > 0 && extent) {
      map?.getView().fit(extent, { padding: [16, 16, 16, 16] });
    }
    document.body.dataset.regions = String(regions.getFeatures().length);
  });
  map.on('click', (event) => {
    const [lon = 0, lat = 0] = toLonLat(event.coordinate);
    setPosition(lon, lat);
  });
}

$('report-locate').addEventListener('click', () => {
  if (!navigator.geolocation) {
    $('report-position').textContent = '此浏览器不支持定位，请点击地图选择位置';
    return;
  }
  navigator.geolocation.getCurrentPosition(
    (p) => {
      setPosition(p.coords.longitude, p.coords.latitude);
      map?.getView().animate({ center: fromLonLat([p.coords.longitude, p.coords.latitude]), zoom: 16 });
    },
    () => { $('report-position').textContent = '无法获取位置，请点击地图选择位置'; },
    { enableHighAccuracy: true, timeout: 10000 },
  );
});

function fail(id: string, message: string): void {
  const element = $(id);
  element.textContent = message;
  element.hidden = false;
}

$<HTMLFormElement>('report-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('report-error').hidden = true;
  const form = new FormData($<HTMLFormElement>('report-form'));
  const photos = Array.from($<HTMLInputElement>('report-photos').files ?? []);
  if (!form.get('lon')) {
    fail('report-error', '请先在地图上点击选择问题位置');
    return;
  }
  if (String(form.get('description') ?? '').trim().length === 0) {
    fail('report-error', '请填写问题描述');
    return;
  }
  if (photos.length > maxPhotos) {
    fail('report-error', `照片最多 ${maxPhotos} 张，已选 ${photos.length} 张`);
    return;
  }
  const big = photos.find((p) => p.size > maxPhotoBytes);
  if (big) {
    fail('report-error', `照片“${big.name}”超过 10 MB`);
    return;
  }
  const submit = $<HTMLButtonElement>('report-submit');
  submit.disabled = true;
  submit.textContent = '正在提交…';
  try {
    const response = await fetch('/api/public/clues', { method: 'POST', body: form });
    if (!response.ok) {
      fail('report-error', `提交失败：${await problemText(response)}`);
      return;
    }
    const { trackingNumber } = (await response.json()) as { trackingNumber: string };
    const mine = JSON.parse(localStorage.getItem(mineKey) ?? '[]') as string[];
    localStorage.setItem(mineKey, JSON.stringify([trackingNumber, ...mine.filter((n) => n !== trackingNumber)].slice(0, 20)));
    $('report-number').textContent = trackingNumber;
    $('report-form').hidden = true;
    $('report-done').hidden = false;
  } catch {
    fail('report-error', '网络异常，请检查网络后重试（您填写的内容仍保留）');
  } finally {
    submit.disabled = false;
    submit.textContent = '提交举报';
  }
});

$('report-again').addEventListener('click', () => {
  $<HTMLFormElement>('report-form').reset();
  marker.clear();
  $('report-position').textContent = '尚未选择位置：请点击地图';
  $('report-form').hidden = false;
  $('report-done').hidden = true;
});

// ---- status --------------------------------------------------------------------------------------------------

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

async function lookUp(number: string): Promise<void> {
  $('track-error').hidden = true;
  $('track-result').hidden = true;
  const response = await fetch(`/api/public/clues/${encodeURIComponent(number.trim())}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    fail('track-error', response.status === 404 ? `未找到编号为“${number.trim()}”的举报，请核对编号` : `查询失败：${await problemText(response)}`);
    return;
  }
  const status = (await response.json()) as ClueStatus;
  $('track-result-number').textContent = status.trackingNumber;
  $('track-status').textContent = status.statusLabel;
  $('track-history').replaceChildren(...status.history.map((h) => {
    const item = document.createElement('li');
    const time = document.createElement('time');
    time.dateTime = h.at;
    time.textContent = when(h.at);
    item.append(time, document.createTextNode(` ${h.label}`));
    return item;
  }));
  $('track-result').hidden = false;
}

$<HTMLFormElement>('track-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void lookUp($<HTMLInputElement>('track-number').value);
});

function renderMine(): void {
  const mine = JSON.parse(localStorage.getItem(mineKey) ?? '[]') as string[];
  const box = $('track-mine');
  if (mine.length === 0) {
    box.replaceChildren();
    return;
  }
  box.replaceChildren(document.createTextNode('本机提交过的编号：'), ...mine.map((n) => {
    const link = document.createElement('button');
    link.type = 'button';
    link.className = 'link-button';
    link.textContent = n;
    link.addEventListener('click', () => {
      $<HTMLInputElement>('track-number').value = n;
      void lookUp(n);
    });
    return link;
  }));
}

const requested = location.hash.slice(1);
show(['policies', 'report', 'track'].includes(requested) ? requested : 'policies');
