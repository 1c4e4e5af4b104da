import 'ol/ol.css';
import '../styles/base.css';
import '../styles/patrol.css';
import { api } from '../api';
import { escapeHtml } from '../format';
import { createMap } from '../map/createMap';
import { createLayers } from '../map/layers';
import { installHook, observeMap } from '../testHook';
import { chinaTime, LEVELS, patrolApi, STATES, type PatrolTask } from './data';
import { flagText, TrackReplay } from './replay';

/**
 * 巡田监管 (docs/web.md): a supervisor's tasks of his region by state, the warnings sent to supervisors, and the
 * replay of any task's track with speed and plausibility flags (seed 001: supervisors replay any patrol).
 */
const hook = installHook('patrol');
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const FLAG_LABELS: Record<string, string> = { too_short: '轨迹过短', jump: '有跳点', poor_accuracy: '精度差', outside_cell: '出网格' };

let tasks: PatrolTask[] = [];
let selected: number | null = null;

async function main(): Promise<void> {
  const [me, catalog] = await Promise.all([patrolApi.me(), api.tileCatalog()]);
  const region = me.user.regionCode;
  const year = catalog.layers.find((l) => l.id === 'admin')?.years[0];

  // Region choices: the user's whole region, then its townships (from the ledger's unit list).
  const townships = year === undefined ? [] : (await api.unitTotals('township', year)).filter((t) => t.code.startsWith(region.slice(0, 9)));
  const regionSelect = $<HTMLSelectElement>('f-region');
  regionSelect.innerHTML = `<option value="${escapeHtml(region)}">全部（${region ? escapeHtml(region) : '全国'}）</option>`
    + townships.map((t) => `<option value="${escapeHtml(t.code)}">${escapeHtml(t.name)}</option>`).join('');

  const map = createMap($('replay-map'), catalog.extent);
  const { layers, base } = createLayers(year, ['dltb', 'admin']);
  map.addLayer(base);
  for (const l of layers) map.addLayer(l.layer);
  observeMap(hook, map, layers);
  const replay = new TrackReplay(map, {
    slider: $<HTMLInputElement>('replay-slider'), play: $<HTMLButtonElement>('btn-play'), rate: $<HTMLSelectElement>('replay-rate'),
    time: $('replay-time'), speed: $('replay-speed'), distance: $('replay-distance'), flag: $('replay-flag'),
  });

  const load = async () => {
    const code = regionSelect.value;
    const [list, warnings] = await Promise.all([patrolApi.tasks(code, ''), patrolApi.warnings(code)]);
    tasks = list;
    renderCounts();
    renderRows();
    $('warning-count').textContent = String(warnings.length);
    const byId = new globalThis.Map(tasks.map((t) => [t.id, t]));
    $('warning-list').innerHTML = warnings.map((w) => {
      const t = byId.get(w.taskId);
      return `<li data-task-id="${w.taskId}">${w.kind === 'overdue' ? '逾期' : '即将到期'}：${escapeHtml(t?.cellName ?? w.cellCode)}（${escapeHtml(t?.periodKey ?? '')}）→ 通知 ${escapeHtml(w.supervisorName ?? `${w.supervisorCode ?? ''} 未配田管员`)} · ${chinaTime(w.createdAt)}</li>`;
    }).join('');
    hook.tasksLoaded = (hook.tasksLoaded as number | undefined ?? 0) + 1;
  };

  const renderCounts = () => {
    const counts = new globalThis.Map<string, number>();
    for (const t of tasks) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
    const on = $<HTMLSelectElement>('f-state').value;
    $('state-counts').innerHTML = STATES.map(([state, label]) =>
      `<button type="button" class="state-count sc-${state}${on === state ? ' on' : ''}" data-state="${state}"><strong>${counts.get(state) ?? 0}</strong><span>${label}</span></button>`).join('');
  };

  const renderRows = () => {
    const state = $<HTMLSelectElement>('f-state').value;
    const shown = tasks.filter((t) => !state || t.state === state);
    const rows = shown.slice(0, 500);
    $('task-rows').innerHTML = rows.map((t) => `
      <tr data-task-id="${t.id}" data-state="${t.state}"${t.id === selected ? ' class="selected"' : ''}>
        <td>${escapeHtml(t.cellName ?? t.cellCode)}<span class="muted small"> ${LEVELS[t.cellLevel] ?? ''}</span>${t.flags.length ? `<div class="flags">${t.flags.map((f) => escapeHtml(FLAG_LABELS[f] ?? f)).join('、')}</div>` : ''}</td>
        <td>${escapeHtml(t.periodKey)}</td>
        <td>${chinaTime(t.dueAt)}</td>
        <td><span class="state state-${t.state}">${escapeHtml(t.stateLabel)}</span></td>
        <td>${t.coverage === null ? '—' : `${(t.coverage * 100).toFixed(0)}%`}</td>
      </tr>`).join('');
    $('task-note').textContent = shown.length > rows.length ? `共 ${shown.length} 项，显示前 ${rows.length} 项；请选择乡镇或状态缩小范围` : `共 ${shown.length} 项`;
  };

  const open = async (id: number) => {
    const task = tasks.find((t) => t.id === id);
    if (!task) return;
    selected = id;
    for (const tr of document.querySelectorAll('#task-rows tr')) tr.classList.toggle('selected', (tr as HTMLElement).dataset.taskId === String(id));
    const fixes = await patrolApi.replay(id);
    replay.load(fixes);
    $('replay-panel').hidden = false;
    $('replay-empty').hidden = fixes.length > 0;
    $('replay-empty').textContent = fixes.length ? '' : '该任务还没有轨迹';
    $('replay-title').textContent = `${task.cellName ?? task.cellCode} · ${task.periodKey} · ${task.stateLabel}`;
    const total = fixes.reduce((s, f) => s + f.distanceM, 0);
    const flagged = fixes.filter((f) => f.jump || f.poorAccuracy || f.outsideCell);
    $('replay-summary').textContent = fixes.length
      ? `${fixes.length} 个定位点 · ${(total / 1000).toFixed(2)} km · ${chinaTime(fixes[0]!.time)} – ${chinaTime(fixes[fixes.length - 1]!.time, false)}${task.assigneeName ? ` · ${task.assigneeName}` : ''}`
      : '';
    $('replay-flags').innerHTML = flagged.slice(0, 100).map((f) =>
      `<li data-index="${fixes.indexOf(f)}">${chinaTime(f.time, false)} ${flagText(f)}${f.speedMps !== null && f.jump ? `（${(f.speedMps * 3.6).toFixed(0)} km/h）` : ''}${f.poorAccuracy && f.accuracy !== null ? `（±${f.accuracy.toFixed(0)} m）` : ''}</li>`).join('');
    map.updateSize();
    hook.replayTask = id;
  };

  regionSelect.addEventListener('change', () => void load());
  $('f-state').addEventListener('change', () => { renderCounts(); renderRows(); });
  $('state-counts').addEventListener('click', (e) => {
    const button = (e.target as HTMLElement).closest<HTMLElement>('.state-count');
    if (!button) return;
    const select = $<HTMLSelectElement>('f-state');
    select.value = select.value === button.dataset.state ? '' : button.dataset.state!;
    renderCounts();
    renderRows();
  });
  $('task-rows').addEventListener('click', (e) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('tr[data-task-id]');
    if (row) void open(Number(row.dataset.taskId));
  });
  $('warning-list').addEventListener('click', (e) => {
    const li = (e.target as HTMLElement).closest<HTMLElement>('li[data-task-id]');
    if (li) void open(Number(li.dataset.taskId));
  });
  $('replay-flags').addEventListener('click', (e) => {
    const li = (e.target as HTMLElement).closest<HTMLElement>('li[data-index]');
    if (li) { replay.stop(); replay.show(Number(li.dataset.index)); }
  });

  hook.patrol = { replay: () => replay.summary(), open: (id: number) => open(id), tasks: () => tasks.length };
  await load();
  const taskParam = Number(new URLSearchParams(location.search).get('task'));
  if (taskParam) await open(taskParam);
  map.once('rendercomplete', () => { hook.ready = true; });
  map.render();
}

main().catch((e: unknown) => {
  $('task-note').textContent = `加载失败：${(e as Error).message}`;
  throw e;
});
