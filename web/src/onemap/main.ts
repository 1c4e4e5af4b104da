import 'ol/ol.css';
import '../styles/base.css';
import '../styles/onemap.css';
import { toLonLat } from 'ol/proj';
import { api, tileUrl, type TileCatalog } from '../api';
import { createMap } from '../map/createMap';
import { createLayers } from '../map/layers';
import { installHook, observeMap } from '../testHook';
import { IdentifyTool } from './identify';
import { renderLayerPanel } from './layerPanel';
import { MeasureTool } from './measure';
import { SearchBox } from './search';
import { SwipeTool } from './swipe';

const hook = installHook('onemap');

function latestYears(catalog: TileCatalog): number[] {
  return [...new Set(catalog.layers.flatMap((l) => l.years))].sort((a, b) => b - a);
}

async function main(): Promise<void> {
  const catalog = await api.tileCatalog();
  const years = latestYears(catalog);
  let year: number | undefined = years[0];

  const map = createMap(document.getElementById('map')!, catalog.extent);
  const { layers, base } = createLayers(year);
  map.addLayer(base);
  for (const l of layers) map.addLayer(l.layer);
  observeMap(hook, map, layers);

  const yearSelect = document.getElementById('year-select') as HTMLSelectElement;
  yearSelect.innerHTML = years.length === 0 ? '<option value="">无数据</option>' : years.map((y) => `<option value="${y}">${y}</option>`).join('');
  yearSelect.addEventListener('change', () => {
    year = yearSelect.value ? Number(yearSelect.value) : undefined;
    for (const l of layers) l.source.setUrl(tileUrl(l.id, year));
    identify.close();
    swipe.updateLabels();
  });

  const identify = new IdentifyTool(map, layers, () => year);
  const swipe = new SwipeTool(map, document.getElementById('btn-swipe') as HTMLButtonElement, years, () => year, layers.find((l) => l.id === 'dltb')!);
  hook.swipe = swipe;
  hook.identify = identify;
  const measure = new MeasureTool(map, document.getElementById('btn-measure') as HTMLButtonElement, (active) => {
    identify.enabled = !active;
  });
  hook.measure = measure;
  new SearchBox(map, (hit) => {
    const layer = layers.find((l) => l.parcelLayer === hit.layer);
    if (hit.kind !== 'admin' && layer) void identify.show(layer, hit.spatialCode);
  });

  const layerPanel = document.getElementById('layer-panel')!;
  const layersButton = document.getElementById('btn-layers')!;
  renderLayerPanel(document.getElementById('layer-list')!, layers);
  layersButton.addEventListener('click', () => {
    layerPanel.hidden = !layerPanel.hidden;
    layersButton.setAttribute('aria-pressed', String(!layerPanel.hidden));
  });
  document.querySelectorAll<HTMLButtonElement>('[data-close]').forEach((b) => b.addEventListener('click', () => {
    const id = b.dataset.close!;
    if (id === 'identify-panel') identify.close();
    else document.getElementById(id)!.hidden = true;
    if (id === 'layer-panel') layersButton.setAttribute('aria-pressed', 'false');
  }));

  const status = document.getElementById('status')!;
  map.on('pointermove', (event) => {
    const [lon, lat] = toLonLat(event.coordinate);
    status.textContent = `经度 ${lon!.toFixed(5)}°  纬度 ${lat!.toFixed(5)}°  级别 ${(map.getView().getZoom() ?? 0).toFixed(1)}`;
  });
  map.once('rendercomplete', () => { hook.ready = true; });
}

main().catch((e: unknown) => {
  document.getElementById('status')!.textContent = `加载失败：${(e as Error).message}`;
  throw e;
});
