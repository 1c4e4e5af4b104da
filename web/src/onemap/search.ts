import type Map from 'ol/Map';
import { api, type SearchHit } from '../api';
import { escapeHtml } from '../format';
import { toMapExtent } from '../map/createMap';

const KIND_NAMES: Record<SearchHit['kind'], string> = { admin: '行政区', jcbh: '监测编号', spatial_code: '空间码' };

/** The search box: spatial code prefix, admin name or code, JCBH; choosing a hit zooms to it. */
export class SearchBox {
  private readonly form = document.getElementById('search-form') as HTMLFormElement;
  private readonly input = document.getElementById('search-input') as HTMLInputElement;
  private readonly list = document.getElementById('search-results') as HTMLUListElement;
  private hits: SearchHit[] = [];
  private timer = 0;
  /** Bumped by every run and choice, so an answer that arrives after a newer one is dropped. */
  private sequence = 0;

  constructor(private readonly map: Map, private readonly onChoose: (hit: SearchHit) => void) {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run(true);
    });
    this.input.addEventListener('input', () => {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => void this.run(false), 250);
    });
    this.list.addEventListener('click', (event) => {
      const item = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
      const hit = item ? this.hits[Number(item.dataset.index)] : undefined;
      if (hit) this.choose(hit);
    });
  }

  private async run(chooseFirst: boolean): Promise<void> {
    window.clearTimeout(this.timer);
    const q = this.input.value.trim();
    const sequence = ++this.sequence;
    if (q.length === 0) {
      this.list.hidden = true;
      return;
    }
    const hits = await api.search(q);
    if (sequence !== this.sequence) return;
    this.hits = hits;
    if (chooseFirst && this.hits.length > 0) {
      this.choose(this.hits[0]!);
      return;
    }
    this.list.innerHTML = this.hits.length === 0
      ? '<li class="empty">没有匹配的结果</li>'
      : this.hits.map((h, i) => `<li data-index="${i}" tabindex="0"><span class="tag tag-${h.kind}">${KIND_NAMES[h.kind]}</span>${escapeHtml(h.label)}<span class="muted small"> ${h.year}</span></li>`).join('');
    this.list.hidden = false;
  }

  private choose(hit: SearchHit): void {
    window.clearTimeout(this.timer);
    this.sequence++;
    this.list.hidden = true;
    // On a phone the parcel panel covers the lower part of the map: keep the parcel in the upper part.
    const size = this.map.getSize() ?? [0, 0];
    const bottom = window.innerWidth <= 700 ? Math.round((size[1] ?? 0) * 0.6) : 40;
    this.map.getView().fit(toMapExtent(hit.bbox), { padding: [120, 40, bottom, 40], maxZoom: 17, duration: 0 });
    this.onChoose(hit);
  }
}
