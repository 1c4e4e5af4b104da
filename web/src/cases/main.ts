import 'ol/ol.css';
import '../styles/base.css';
import '../styles/admin.css';
import '../styles/cases.css';
import { api, ApiError, getJson, type TileCatalog } from '../api';
import { escapeHtml } from '../format';
import { installHook } from '../testHook';
import { CaseMap, CaseOverview, EVIDENCE_LABEL, type EvidencePoint } from './caseMap';

/**
 * 案件办理 (docs/cases.md): the case list of the caller's region by state and code, one case with its sources, tasks and
 * append-only history, and the steps of 下发－举证－上报－审核－执行－结案 the server allows this caller now (the
 * server's state machine decides; a refused step shows its reason). Judgements on site are made in the field app.
 * Maps (caseMap.ts): the listed cases on an overview (a marker selects its case) and the open case over the one map.
 */
const hook = installHook('cases');
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

interface CaseSummary {
  id: number; countyCode: string; unitCode: string; code: string; state: string; title: string; sources: string[]; updatedAt: string;
  lon: number | null; lat: number | null;
}
interface CaseEvent { at: string; actor: string; role: string; action: string; fromState: string | null; toState: string | null; notes: string }
interface CaseTask { id: number; kind: string; cellCode: string; state: string; dueAt?: string | null }
interface CaseResponse {
  case: CaseSummary; stateLabel: string; codeLabel: string; reason: string; judgement: string | null;
  history: CaseEvent[]; tasks: CaseTask[]; allowedActions: string[];
  geometry: unknown; measuredGeometry: unknown; evidencePoints: EvidencePoint[];
}

const CODE: Record<string, string> = { green: '绿码', yellow: '黄码', red: '红码' };
const STATE: Record<string, string> = {
  verifying: '待核查', dispatched: '已下发', evidenced: '已举证', reported: '已上报', reviewed: '已审核', enforced: '已执行',
  closed: '已结案', closed_legal: '已放行', archived: '已归档',
};
const ACTION: Record<string, string> = {
  open: '立案', merge: '合并', auto_pass: '自动放行', verify_legal: '核查：合法', verify_illegal: '核查：违法', submit_evidence: '举证', report: '上报',
  approve: '审核通过', send_back: '退回补充', enforce: '执行', close: '结案', archive: '归档',
};
const JUDGEMENT: Record<string, string> = {
  legal_with_approval: '合法（有批准）', facility_agricultural_land_filed: '设施农用地已备案', temporary_land: '临时用地', other: '其他',
  illegal_non_agricultural: '违法（非农化）', illegal_non_grain: '违法（非粮化）',
};
const TASK_STATE: Record<string, string> = { open: '办理中', done: '已完成' };
const SOURCE: Record<string, string> = { issued: '上级下发', monitoring: '自主监测', patrol: '巡田发现', public: '群众举报' };
// Judgements on site need photos and a judgement: the field app and the verification API make them, not this page.
const ON_SITE = new Set(['auto_pass', 'verify_legal', 'verify_illegal']);

const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
let selected: number | null = null;
let catalog: TileCatalog | null = null;
let overview: CaseOverview | null = null;
let caseMap: CaseMap | null = null;

async function loadList(): Promise<void> {
  const state = $<HTMLSelectElement>('f-state').value;
  const code = $<HTMLSelectElement>('f-code').value;
  const query = new URLSearchParams({ limit: '200' });
  if (state) query.set('state', state);
  if (code) query.set('code', code);
  const cases = await getJson<CaseSummary[]>(`/api/cases?${query.toString()}`);
  $('case-count').textContent = `共 ${cases.length} 件`;
  $('case-rows').innerHTML = cases.map((c) => `
    <tr data-case-id="${c.id}" data-state="${escapeHtml(c.state)}" class="${c.id === selected ? 'selected' : ''}">
      <td>${c.id}</td><td><span class="pill pill-${escapeHtml(c.code)}">${escapeHtml(CODE[c.code] ?? c.code)}</span></td>
      <td>${escapeHtml(STATE[c.state] ?? c.state)}</td><td>${escapeHtml(c.title)}</td>
      <td>${c.sources.map((s) => escapeHtml(SOURCE[s] ?? s)).join('、')}</td><td>${time(c.updatedAt)}</td>
    </tr>`).join('');
  overview?.setCases(cases);
  hook.cases = cases.length;
}

async function openCase(id: number, scroll = false): Promise<void> {
  selected = id;
  for (const row of document.querySelectorAll<HTMLElement>('#case-rows tr')) row.classList.toggle('selected', Number(row.dataset.caseId) === id);
  overview?.select(id);
  render(await getJson<CaseResponse>(`/api/cases/${id}`));
  // On a phone the case is below the list: bring its map into view when the user picked it.
  if (scroll) $('case-detail').scrollIntoView({ block: 'start' });
}

function renderMap(detail: CaseResponse): void {
  if (!catalog) return;
  caseMap ??= new CaseMap($('case-map'), catalog, hook);
  caseMap.show(detail.case, detail.geometry, detail.measuredGeometry, detail.evidencePoints);
  const kinds = [...new Set(detail.evidencePoints.map((e) => e.kind))];
  $('case-map-legend').innerHTML = [
    `<span class="legend-item"><i class="swatch swatch-${escapeHtml(detail.case.code)}"></i>案件位置（${escapeHtml(detail.codeLabel)}）</span>`,
    ...kinds.map((k) => `<span class="legend-item"><i class="swatch swatch-${escapeHtml(k)}"></i>${escapeHtml(EVIDENCE_LABEL[k] ?? k)}</span>`),
    '<span class="legend-item"><i class="swatch swatch-yjjbnt"></i>永久基本农田</span>',
    '<span class="legend-item"><i class="swatch swatch-pzyd"></i>批准用地</span>',
  ].join('');
}

function render(detail: CaseResponse): void {
  const c = detail.case;
  $('case-detail').hidden = false;
  $('d-title').innerHTML = `案件 ${c.id} <span class="pill pill-${escapeHtml(c.code)}">${escapeHtml(detail.codeLabel)}</span> ${escapeHtml(detail.stateLabel)}`;
  $('d-meta').textContent = `${c.title} · 行政区 ${c.unitCode} · 来源 ${c.sources.map((s) => SOURCE[s] ?? s).join('、')}${detail.judgement ? ` · 核查认定 ${JUDGEMENT[detail.judgement] ?? detail.judgement}` : ''}`;
  $('d-reason').textContent = detail.reason;
  const steps = detail.allowedActions.filter((a) => !ON_SITE.has(a));
  $('d-actions').innerHTML = steps.length
    ? steps.map((a) => `<button type="button" class="btn btn-primary" data-action="${escapeHtml(a)}">${escapeHtml(ACTION[a] ?? a)}</button>`).join('')
    : `<span class="muted small">${detail.allowedActions.length ? '此案待现场核查（在田管员巡田应用中认定）' : '当前状态下您没有可办理的步骤'}</span>`;
  $('d-tasks').innerHTML = detail.tasks.map((t) =>
    `<li>${t.kind === 'verification' ? '核查' : '整改'}任务 · 网格 ${escapeHtml(t.cellCode)} · ${escapeHtml(TASK_STATE[t.state] ?? t.state)}${t.dueAt ? ` · 期限 ${time(t.dueAt)}` : ''}</li>`).join('') || '<li class="muted">无</li>';
  $('d-history').innerHTML = detail.history.map((e) => `
    <li data-action="${escapeHtml(e.action)}">${time(e.at)} · ${escapeHtml(e.actor)}（${escapeHtml(e.role)}）· <strong>${escapeHtml(ACTION[e.action] ?? e.action)}</strong>
      ${e.fromState || e.toState ? ` · ${escapeHtml(STATE[e.fromState ?? ''] ?? e.fromState ?? '—')} → ${escapeHtml(STATE[e.toState ?? ''] ?? e.toState ?? '—')}` : ''}
      ${e.notes ? ` · ${escapeHtml(e.notes)}` : ''}</li>`).join('');
  renderMap(detail);
  hook.caseState = c.state;
  hook.caseActions = steps;
}

async function act(action: string): Promise<void> {
  if (selected === null) return;
  const form = new FormData();
  form.set('action', action);
  form.set('notes', $<HTMLTextAreaElement>('d-notes').value.trim());
  for (const file of Array.from($<HTMLInputElement>('d-files').files ?? [])) form.append('files', file);
  const response = await fetch(`/api/cases/${selected}/transitions`, { method: 'POST', credentials: 'same-origin', body: form });
  const body = (await response.json().catch(() => ({}))) as CaseResponse & { detail?: string; title?: string };
  const result = $('d-result');
  result.hidden = false;
  if (!response.ok) {
    result.classList.add('error');
    result.textContent = `未办理（${response.status === 403 ? '无权限' : response.status === 409 ? '状态不符' : response.status}）：${body.detail ?? body.title ?? response.statusText}`;
    return;
  }
  result.classList.remove('error');
  result.textContent = `已${ACTION[action] ?? action}：案件 ${body.case.id} 现为“${body.stateLabel}”`;
  ($('d-action-form') as HTMLFormElement).reset();
  render(body);
  await loadList();
  hook.acted = (hook.acted as number | undefined ?? 0) + 1;
}

async function main(): Promise<void> {
  $('case-filter').addEventListener('submit', (e) => { e.preventDefault(); void loadList(); });
  $('case-rows').addEventListener('click', (e) => {
    const id = Number((e.target as HTMLElement).closest<HTMLElement>('tr')?.dataset.caseId);
    if (id) void openCase(id, true);
  });
  $('d-actions').addEventListener('click', (e) => {
    const action = (e.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset.action;
    if (action) void act(action);
  });
  // The maps need the tile catalogue (years, data extent); the list works without it.
  catalog = await api.tileCatalog().catch(() => null);
  if (catalog) overview = new CaseOverview($('case-overview'), catalog, hook, (id) => void openCase(id, true));
  else $('case-overview').hidden = true;
  await loadList();
  const requested = Number(new URLSearchParams(location.search).get('case'));
  if (requested) await openCase(requested);
  hook.ready = true;
}

main().catch((e: unknown) => {
  const result = $('d-result');
  result.hidden = false;
  result.textContent = `加载失败：${e instanceof ApiError ? e.message : (e as Error).message}`;
  throw e;
});
