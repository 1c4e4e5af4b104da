import 'ol/ol.css';
import '../styles/base.css';
import '../styles/field.css';
import { installHook } from '../testHook';
import { FieldMap } from './fieldMap';
import { decodeQr, spatialCodeOf } from './qrScan';
import { fieldFetch, loadSession, NotSignedIn, signIn, signOut, type FieldUser } from './session';
import { addFix, addOutbox, getValue, sealBatches, setValue, type Fix, type FindingPhoto } from './store';
import { SyncQueue, type SyncState } from './sync';
import { loadTasks, renderTasks, type FieldTask } from './tasks';

/**
 * 田管员巡田 (field app, docs/web.md): sign in, my tasks, record a patrol's GPS track into IndexedDB first and upload
 * it in batches with client-made ids, report findings with photos; everything works offline and is sent when the
 * phone is back online.
 */
const hook = installHook('field');
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const sync = new SyncQueue();

interface ActivePatrol { taskId: number; cell: string; period: string; startedAt: number }
let user: FieldUser | null = null;
let active: ActivePatrol | null = null;
let watchId: number | null = null;
let lastFix: { lon: number; lat: number; time: number } | null = null;
let recorded = 0;
let distance = 0;
let map: FieldMap | null = null;

function show(view: 'login' | 'tasks' | 'patrol'): void {
  for (const v of ['login', 'tasks', 'patrol']) $(`view-${v}`).hidden = v !== view;
  $('view-finding').hidden = true;
  $('btn-finding').parentElement!.hidden = false;
}

function renderSync(state: SyncState): void {
  const pill = $('sync-status');
  const pending = state.points + state.findings + state.other;
  pill.dataset.pending = String(pending);
  pill.dataset.points = String(state.points);
  pill.dataset.findings = String(state.findings);
  pill.classList.toggle('is-pending', pending > 0);
  pill.classList.toggle('is-error', state.lastError !== null);
  pill.textContent = state.syncing ? `上传中… 待上传 ${pending} 条`
    : pending === 0 ? '已同步' : `待上传 ${pending} 条`;
  pill.title = [
    state.points ? `轨迹点 ${state.points} 个` : '', state.findings ? `发现 ${state.findings} 条` : '',
    state.lastError ?? '', state.lastSync ? `上次同步 ${new Date(state.lastSync).toLocaleTimeString('zh-CN')}` : '',
  ].filter(Boolean).join('；') || '点击立即上传';
  if (state.lastError?.startsWith('登录已过期')) void needSignIn();
}

async function needSignIn(): Promise<void> {
  if (!$('view-login').hidden) return;
  if (watchId !== null) return; // keep recording; the status pill says the session ended
  show('login');
}

function renderNet(): void {
  $('net-status').hidden = navigator.onLine;
}

// ---- tasks ---------------------------------------------------------------------------------------------------

async function showTasks(): Promise<void> {
  show('tasks');
  $('field-user').textContent = user ? `${user.displayName || user.username} · 辖区 ${user.regionCode || '全国'}` : '';
  let tasks: FieldTask[] | undefined;
  try {
    tasks = await loadTasks(user!.regionCode);
    await setValue('tasks', tasks);
    $('tasks-note').textContent = `共 ${tasks.length} 项，更新于 ${new Date().toLocaleTimeString('zh-CN')}`;
  } catch (e) {
    if (e instanceof NotSignedIn) { show('login'); return; }
    tasks = await getValue<FieldTask[]>('tasks');
    $('tasks-note').textContent = tasks ? '离线：显示上次下载的任务' : '离线且没有已下载的任务，联网后刷新';
  }
  renderTasks($('task-list'), tasks ?? [], (task) => void startPatrol(task));
  hook.tasksShown = (tasks ?? []).length;
}

// ---- patrol --------------------------------------------------------------------------------------------------

async function startPatrol(task: FieldTask): Promise<void> {
  active = { taskId: task.id, cell: task.cellName ?? task.cellCode, period: task.periodKey, startedAt: Date.now() };
  await setValue('active', active);
  if (navigator.onLine) {
    // Not required: the first uploaded points start the task too. 409 when it is already running.
    void fieldFetch(`/api/patrol/tasks/${task.id}/start`, { method: 'POST' }).catch(() => undefined);
  }
  resumePatrol();
}

function resumePatrol(): void {
  if (!active) return;
  show('patrol');
  $('patrol-cell').textContent = active.cell;
  $('patrol-period').textContent = `周期 ${active.period}`;
  map ??= new FieldMap($('field-map'));
  map.resize();
  if (watchId !== null) return;
  if (!('geolocation' in navigator)) {
    $('gps-status').textContent = '此设备不能定位';
    return;
  }
  watchId = navigator.geolocation.watchPosition((p) => void onFix(p), (e) => {
    $('gps-status').textContent = e.code === e.PERMISSION_DENIED ? '未允许定位：请在浏览器设置中允许本站使用位置' : `定位失败：${e.message}`;
  }, { enableHighAccuracy: true, maximumAge: 0, timeout: 60_000 });
  hook.watching = true;
}

/** One GPS fix: stored in IndexedDB first; only then counted, drawn and (sometimes) uploaded. */
async function onFix(position: GeolocationPosition): Promise<void> {
  if (!active) return;
  const { longitude: lon, latitude: lat, accuracy, altitude } = position.coords;
  const time = position.timestamp;
  if (lastFix && time <= lastFix.time) return; // the same fix delivered twice (also across a reload)
  await addFix({ taskId: active.taskId, lon, lat, accuracy: Number.isFinite(accuracy) ? accuracy : null, altitude, time: new Date(time).toISOString() });
  if (lastFix) distance += haversine(lastFix.lon, lastFix.lat, lon, lat);
  lastFix = { lon, lat, time };
  recorded++;
  hook.recorded = recorded;
  $('patrol-points').textContent = String(recorded);
  $('patrol-distance').textContent = distance.toFixed(0);
  $('patrol-accuracy').textContent = Number.isFinite(accuracy) ? accuracy.toFixed(0) : '—';
  $('gps-status').textContent = `最新定位 ${new Date(time).toLocaleTimeString('zh-CN')}`;
  map?.addFix(lon, lat);
  showParcelAt(lon, lat);
  const state = await sync.refresh();
  if (navigator.onLine && state.points >= 10) void sync.request();
}

/** The patch under the latest fix, once the map has drawn there (tiles need the network; offline it stays hidden). */
let parcelLookup = 0;
function showParcelAt(lon: number, lat: number, attempt = 0, lookup = ++parcelLookup): void {
  window.setTimeout(() => {
    if (lookup !== parcelLookup) return; // a newer fix asks instead
    const parcel = map?.parcelAt(lon, lat) ?? null;
    if (parcel === null && attempt < 8 && navigator.onLine) {
      showParcelAt(lon, lat, attempt + 1, lookup); // the tiles there may still be loading
      return;
    }
    const line = $('patrol-parcel');
    line.hidden = parcel === null;
    if (parcel) line.textContent = `所在地块：${parcel.dlmc}　空间码 ${parcel.spatialCode}`;
    hook.parcelCode = parcel?.spatialCode ?? null;
  }, 600);
}

// ---- warning-post QR codes -----------------------------------------------------------------------------------

/** A photo of a warning post's QR code opens its parcel page (空间码 → /p/{code}). */
async function scanQr(file: File): Promise<void> {
  const status = $('qr-status');
  status.hidden = false;
  status.classList.remove('error');
  status.textContent = '正在识别二维码…';
  try {
    const text = await decodeQr(file);
    const code = text === null ? null : spatialCodeOf(text);
    hook.qrText = text;
    if (code === null) {
      status.classList.add('error');
      status.textContent = text === null ? '未识别到二维码：请对准警示牌上的二维码重新拍摄' : `不是本平台的空间码：${text}`;
      return;
    }
    status.textContent = `空间码 ${code}，正在打开地块…`;
    location.assign(`/p/${encodeURIComponent(code)}`);
  } catch (e) {
    status.classList.add('error');
    status.textContent = `无法读取照片：${(e as Error).message}`;
  }
}

async function stopPatrol(): Promise<void> {
  if (!active) return;
  if (watchId !== null) navigator.geolocation.clearWatch(watchId);
  watchId = null;
  hook.watching = false;
  // Seal first so the finish comes after every batch of this task in the outbox.
  await sealBatches(() => crypto.randomUUID());
  await addOutbox({ kind: 'finish', taskId: active.taskId, attempts: 0 });
  active = null;
  lastFix = null;
  recorded = 0;
  distance = 0;
  map?.clearTrack();
  await setValue('active', undefined);
  await sync.request();
  await showTasks();
}

function haversine(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = 6_371_008.8;
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(a));
}

// ---- findings ------------------------------------------------------------------------------------------------

function openFinding(): void {
  $('view-finding').hidden = false;
  $('btn-finding').parentElement!.hidden = true;
  $('finding-error').hidden = true;
  ($('finding-form') as HTMLFormElement).reset();
  $('finding-draw-hint').hidden = true;
  map?.stopDrawing();
}

function closeFinding(): void {
  map?.stopDrawing();
  $('view-finding').hidden = true;
  $('btn-finding').parentElement!.hidden = false;
}

async function saveFinding(): Promise<void> {
  const where = (document.querySelector('input[name="where"]:checked') as HTMLInputElement).value;
  let geometry: unknown;
  if (where === 'polygon') {
    geometry = map?.drawnPolygon();
    if (!geometry) return fail('请先在地图上画出范围（双击结束）');
  } else {
    if (!lastFix) return fail('还没有定位，请稍候或改为在地图上画范围');
    geometry = { type: 'Point', coordinates: [lastFix.lon, lastFix.lat] };
  }
  const files = [...(($('finding-photos') as HTMLInputElement).files ?? [])];
  // The photo bytes go into IndexedDB now: the file picker's handle may not survive a reload.
  const photos: FindingPhoto[] = await Promise.all(files.map(async (f) => ({ name: f.name, type: f.type, blob: new Blob([await f.arrayBuffer()], { type: f.type }) })));
  await addOutbox({
    kind: 'finding', localId: crypto.randomUUID(), taskId: active?.taskId ?? null,
    category: ($('finding-category') as HTMLSelectElement).value, notes: ($('finding-notes') as HTMLTextAreaElement).value.trim(),
    geometry, photos, photosSent: 0, attempts: 0, createdAt: new Date().toISOString(),
  });
  closeFinding();
  await sync.refresh();
  if (navigator.onLine) void sync.request();

  function fail(message: string): void {
    $('finding-error').textContent = message;
    $('finding-error').hidden = false;
  }
}

// ---- start ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  sync.onChange(renderSync);
  renderNet();
  window.addEventListener('online', () => { renderNet(); void sync.request(); });
  window.addEventListener('offline', renderNet);
  setInterval(() => { if (navigator.onLine) void sync.request(); }, 15_000);
  setInterval(() => {
    if (!active) return;
    const s = Math.max(0, Math.floor((Date.now() - active.startedAt) / 1000));
    $('patrol-elapsed').textContent = `${Math.floor(s / 3600) > 0 ? `${Math.floor(s / 3600)}:` : ''}${String(Math.floor(s / 60) % 60).padStart(s >= 3600 ? 2 : 1, '0')}:${String(s % 60).padStart(2, '0')}`;
  }, 1000);

  $('field-login').addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      $('field-login-error').hidden = true;
      try {
        user = await signIn(($('field-username') as HTMLInputElement).value.trim(), ($('field-password') as HTMLInputElement).value);
        void sync.request();
        if (active) resumePatrol(); else await showTasks();
      } catch (e) {
        $('field-login-error').textContent = (e as Error).message.startsWith('Failed') ? '无法连接服务器，请联网后登录' : (e as Error).message;
        $('field-login-error').hidden = false;
      }
    })();
  });
  $('btn-refresh').addEventListener('click', () => void showTasks());
  $<HTMLInputElement>('qr-file').addEventListener('change', (e) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void scanQr(file);
  });
  $('btn-logout').addEventListener('click', () => void signOut().then(() => { user = null; show('login'); }));
  $('btn-stop').addEventListener('click', () => void stopPatrol());
  $('btn-finding').addEventListener('click', openFinding);
  $('btn-finding-cancel').addEventListener('click', closeFinding);
  $('finding-form').addEventListener('submit', (event) => { event.preventDefault(); void saveFinding(); });
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="where"]')) {
    radio.addEventListener('change', () => {
      const draw = radio.value === 'polygon' && radio.checked;
      $('finding-draw-hint').hidden = !draw;
      if (draw) map?.startDrawing(); else map?.stopDrawing();
    });
  }
  $('sync-status').addEventListener('click', () => void sync.request());

  user = await loadSession();
  active = (await getValue<ActivePatrol>('active')) ?? null;
  const stored = await getValue<Fix>('lastFix');
  if (active && stored && stored.taskId === active.taskId) lastFix = { lon: stored.lon, lat: stored.lat, time: Date.parse(stored.time) };
  await sync.refresh();
  if (!user) show('login');
  else if (active) resumePatrol();
  else await showTasks();
  void sync.request();

  hook.field = {
    sync: () => sync.state,
    acknowledged: () => sync.acknowledged,
    findingsAcknowledged: () => sync.findingsAcknowledged,
    syncNow: () => sync.request(),
    activeTask: () => active?.taskId ?? null,
    map: () => map?.summary() ?? null,
  };
  if ('serviceWorker' in navigator) {
    try {
      await navigator.serviceWorker.register('/sw.js', { scope: '/field' });
      await navigator.serviceWorker.ready;
      hook.serviceWorker = 'ready';
    } catch (e) {
      hook.serviceWorker = `failed: ${(e as Error).message}`;
    }
  }
  hook.ready = true;
}

void main();
