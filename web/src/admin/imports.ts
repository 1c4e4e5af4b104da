import '../styles/imports.css';
import { ApiError, getJson } from '../api';
import { escapeHtml } from '../format';

/**
 * 数据导入 (docs/web.md): an admin uploads a survey file (GeoPackage, zipped Shapefile, GeoJSON); the upload's own
 * progress comes from XMLHttpRequest, then the import job's stage and progress are polled until it is done, showing
 * the features imported per layer, or on failure every problem by file, layer, feature and field. Nothing is written
 * unless the whole file is valid (and, for a region admin, inside his region): the server decides, this only shows.
 */
interface ImportedLayer { layer: string; sourceLayer: string; countyCode: string; year: number; versionId: number; featureCount: number; replacedVersionId: number | null }
interface Problem { file: string; layer: string | null; fid: number | null; featureKey: string | null; field: string | null; message: string }
interface Job {
  id: number; requestedBy: string; regionCode: string; fileName: string; fileBytes: number; fileSha256: string;
  options: { year: number | null; as: string | null; county: string | null; qc: boolean };
  status: 'queued' | 'running' | 'done' | 'failed'; stage: string | null; layer: string | null; progressDone: number; progressTotal: number | null;
  requestedAt: string; startedAt: string | null; finishedAt: string | null;
  layers: ImportedLayer[] | null; problems: Problem[] | null; error: string | null;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const STATUS: Record<Job['status'], string> = { queued: '排队中', running: '导入中', done: '已完成', failed: '失败' };
const STAGES: Record<string, string> = {
  claimed: '准备', reading: '读取文件', 'quality checks': '质检', import: '校验并暂存', 'replace version': '替换现行版本', done: '完成', failed: '失败',
};
const LAYERS: Record<string, string> = { XZQ: '行政区', DLTB: '地类图斑', YJJBNT: '永久基本农田', GBZNT: '高标准农田', PZYD: '批准用地', BHTB: '变化图斑' };
const PILL: Record<Job['status'], string> = { queued: 'pill', running: 'pill pill-running', done: 'pill pill-ok', failed: 'pill pill-failed' };
const POLL_MS = 700;

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const layerName = (code: string | null) => (code ? `${LAYERS[code] ?? code}（${code}）` : '');
const stageText = (job: Job) => {
  const stage = STAGES[job.stage ?? ''] ?? job.stage ?? '';
  const count = job.progressTotal ? `${job.progressDone.toLocaleString('zh-CN')} / ${job.progressTotal.toLocaleString('zh-CN')}` : job.progressDone > 0 ? job.progressDone.toLocaleString('zh-CN') : '';
  return [STATUS[job.status], job.status === 'running' ? stage : '', job.status === 'running' ? layerName(job.layer) : '', job.status === 'running' ? count : ''].filter((s) => s).join(' · ');
};
const percent = (job: Job) => (job.status === 'done' ? 100 : job.progressTotal ? Math.min(99, Math.floor((job.progressDone / job.progressTotal) * 100)) : 0);

const PANEL = `
  <div class="admin-card">
    <h2>导入一张图数据</h2>
    <p class="muted small">GeoPackage（.gpkg）、Shapefile 压缩包（.zip，GBK 属性）或 GeoJSON（.geojson）。图层按名称识别为行政区（XZQ）、地类图斑（DLTB）、永久基本农田（YJJBNT）、高标准农田（GBZNT）、批准用地（PZYD）、变化图斑（BHTB）。
      整个文件校验全部通过才写入，每个县每年度的图层替换为新版本；任何要素有误则整份不导入，并列出问题所在的文件、图层、要素和字段。区域管理员只能导入本行政区的要素。</p>
    <form id="import-form" class="inline-form">
      <label>数据文件<input id="import-file" type="file" accept=".gpkg,.zip,.geojson,.json" required /></label>
      <label>年度<input id="import-year" type="number" min="1949" max="2100" placeholder="默认取 SJNF" /></label>
      <label>图层类型（单图层文件）
        <select id="import-as"><option value="">按图层名识别</option>${Object.entries(LAYERS).map(([code, name]) => `<option value="${code}">${name}（${code}）</option>`).join('')}</select>
      </label>
      <label>县代码<input id="import-county" inputmode="numeric" pattern="\\d{6}" placeholder="无坐落代码时" /></label>
      <label class="check"><input id="import-qc" type="checkbox" /> 先质检，有问题不导入</label>
      <button id="import-submit" type="submit" class="btn btn-primary">上传并导入</button>
    </form>
    <div id="import-progress" class="import-progress" hidden>
      <div class="import-step"><span class="import-label">上传</span><progress id="import-upload-bar" max="100" value="0"></progress><span id="import-upload-text" class="import-text"></span></div>
      <div class="import-step"><span class="import-label">导入</span><progress id="import-job-bar" max="100" value="0"></progress><span id="import-job-text" class="import-text"></span></div>
    </div>
    <p id="import-result" class="result" role="status" hidden></p>
    <div class="table-wrap">
      <table id="import-counts" class="admin-table" hidden>
        <thead><tr><th>图层</th><th>源图层</th><th>县</th><th>年度</th><th>要素数</th><th>版本</th></tr></thead>
        <tbody></tbody>
      </table>
      <table id="import-problems" class="admin-table problems import-problems" hidden>
        <thead><tr><th>文件</th><th>图层</th><th>要素</th><th>字段</th><th>问题</th></tr></thead>
        <tbody></tbody>
      </table>
    </div>
  </div>
  <div class="admin-card">
    <h2>导入记录 <span id="import-count" class="muted small"></span></h2>
    <div class="table-wrap">
      <table class="admin-table import-jobs">
        <thead><tr><th>编号</th><th>文件</th><th>大小</th><th>提交人</th><th>行政区</th><th>状态</th><th>进度</th><th>提交时间</th></tr></thead>
        <tbody id="import-rows"></tbody>
      </table>
    </div>
  </div>`;

/** Upload with progress: the raw file as the body (streamed to disk by the server), options in the query. */
function upload(url: string, file: File, onProgress: (loaded: number, total: number) => void): Promise<Job> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded, e.total); };
    xhr.onload = () => {
      let body: unknown = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status === 401) location.assign(`/login.html?next=${encodeURIComponent(location.pathname)}`);
      if (xhr.status === 202) resolve(body as Job);
      else {
        const problem = body as { detail?: string; title?: string } | null;
        reject(new ApiError(xhr.status, problem?.detail ?? problem?.title ?? xhr.statusText));
      }
    };
    xhr.onerror = () => reject(new Error('网络错误，上传中断'));
    xhr.send(file);
  });
}

/** Renders the 数据导入 panel into #tab-imports and wires it; returns a loader for the jobs list. */
export function initImports(message: (e: unknown) => string): () => Promise<void> {
  const hook = window.__gengbao;
  const panel = $('tab-imports');
  panel.innerHTML = PANEL;
  let jobs: Job[] = [];
  let busy = false;

  const say = (text: string, error = false) => {
    const el = $('import-result');
    el.textContent = text;
    el.classList.toggle('error', error);
    el.hidden = false;
  };

  const show = (job: Job) => {
    $<HTMLProgressElement>('import-job-bar').value = percent(job);
    $('import-job-text').textContent = stageText(job);
    const counts = $('import-counts');
    counts.hidden = !job.layers?.length;
    counts.querySelector('tbody')!.innerHTML = (job.layers ?? []).map((l) => `
      <tr data-layer="${escapeHtml(l.layer)}"><td>${escapeHtml(layerName(l.layer))}</td><td>${escapeHtml(l.sourceLayer)}</td><td>${escapeHtml(l.countyCode)}</td>
      <td>${l.year}</td><td class="num">${l.featureCount.toLocaleString('zh-CN')}</td><td>${l.versionId}${l.replacedVersionId ? `（替换 ${l.replacedVersionId}）` : ''}</td></tr>`).join('');
    const problems = $('import-problems');
    problems.hidden = !job.problems?.length;
    problems.querySelector('tbody')!.innerHTML = (job.problems ?? []).map((p) => `
      <tr><td>${escapeHtml(p.file)}</td><td>${escapeHtml(p.layer ?? '')}</td><td>${p.fid === null ? '' : escapeHtml(`${p.fid}${p.featureKey ? `（${p.featureKey}）` : ''}`)}</td>
      <td>${escapeHtml(p.field ?? '')}</td><td>${escapeHtml(p.message)}</td></tr>`).join('');
    if (job.status === 'done') {
      const total = (job.layers ?? []).reduce((sum, l) => sum + l.featureCount, 0);
      say(`导入成功：${job.fileName}，${job.layers?.length ?? 0} 个图层版本，共 ${total.toLocaleString('zh-CN')} 个要素。`);
    } else if (job.status === 'failed') {
      say(job.problems?.length
        ? `未导入：${job.fileName}：发现 ${job.problems.length} 条问题，整份文件未写入（见下表）。`
        : `未导入：${job.fileName}：${job.error ?? '导入失败'}`, true);
    }
    hook.importJob = { id: job.id, status: job.status, percent: percent(job) };
  };

  const load = async () => {
    jobs = await getJson<Job[]>('/api/onemap/imports');
    $('import-count').textContent = `最近 ${jobs.length} 个`;
    $('import-rows').innerHTML = jobs.map((j) => `
      <tr data-job-id="${j.id}" data-status="${j.status}" title="点击查看结果">
        <td>${j.id}</td><td>${escapeHtml(j.fileName)}</td><td>${size(j.fileBytes)}</td><td>${escapeHtml(j.requestedBy)}</td><td>${escapeHtml(j.regionCode || '全国')}</td>
        <td><span class="${PILL[j.status]}">${STATUS[j.status]}</span></td>
        <td><progress max="100" value="${percent(j)}"></progress> ${j.status === 'done' ? `${(j.layers ?? []).reduce((s, l) => s + l.featureCount, 0).toLocaleString('zh-CN')} 个要素` : j.status === 'failed' ? `${j.problems?.length ?? 0} 条问题` : escapeHtml(STAGES[j.stage ?? ''] ?? '')}</td>
        <td>${time(j.requestedAt)}</td>
      </tr>`).join('');
    hook.importsLoaded = ((hook.importsLoaded as number | undefined) ?? 0) + 1;
  };

  const follow = async (id: number) => {
    for (;;) {
      const job = await getJson<Job>(`/api/onemap/imports/${id}`);
      show(job);
      if (job.status === 'done' || job.status === 'failed') return;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };

  const submit = async () => {
    const file = $<HTMLInputElement>('import-file').files?.[0];
    if (!file || busy) return;
    busy = true;
    $<HTMLButtonElement>('import-submit').disabled = true;
    $('import-result').hidden = true;
    $('import-counts').hidden = true;
    $('import-problems').hidden = true;
    $('import-progress').hidden = false;
    $<HTMLProgressElement>('import-upload-bar').value = 0;
    $<HTMLProgressElement>('import-job-bar').value = 0;
    $('import-job-text').textContent = '';
    const query = new URLSearchParams({ fileName: file.name });
    const year = $<HTMLInputElement>('import-year').value.trim();
    if (year) query.set('year', year);
    const as = $<HTMLSelectElement>('import-as').value;
    if (as) query.set('as', as);
    const county = $<HTMLInputElement>('import-county').value.trim();
    if (county) query.set('county', county);
    if ($<HTMLInputElement>('import-qc').checked) query.set('qc', 'true');
    try {
      const job = await upload(`/api/onemap/imports?${query.toString()}`, file, (loaded, total) => {
        $<HTMLProgressElement>('import-upload-bar').value = Math.round((loaded / total) * 100);
        $('import-upload-text').textContent = `${size(loaded)} / ${size(total)}`;
      });
      $<HTMLProgressElement>('import-upload-bar').value = 100;
      $('import-upload-text').textContent = `已上传 ${size(job.fileBytes)} · SHA-256 ${job.fileSha256.slice(0, 12)}…`;
      show(job);
      await load();
      await follow(job.id);
      await load();
    } catch (e) {
      say(`未导入：${message(e)}`, true);
      hook.importJob = { id: null, status: 'refused', percent: 0 };
    } finally {
      busy = false;
      $<HTMLButtonElement>('import-submit').disabled = false;
      hook.importsDone = ((hook.importsDone as number | undefined) ?? 0) + 1;
    }
  };

  $('import-form').addEventListener('submit', (e) => { e.preventDefault(); void submit(); });
  $('import-rows').addEventListener('click', (e) => {
    const id = Number((e.target as HTMLElement).closest<HTMLElement>('tr')?.dataset.jobId);
    const job = jobs.find((j) => j.id === id);
    if (!job || busy) return;
    $('import-progress').hidden = true;
    $('import-result').hidden = true;
    show(job);
    if (job.status === 'queued' || job.status === 'running') {
      $('import-progress').hidden = false;
      void follow(id).then(load).catch((err: unknown) => say(`加载失败：${message(err)}`, true));
    }
  });
  document.querySelector<HTMLButtonElement>(".tabs button[data-tab='imports']")?.addEventListener('click', () => {
    void load().catch((err: unknown) => say(`加载失败：${message(err)}`, true));
  });
  return load;
}
