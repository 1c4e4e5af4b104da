import '../styles/base.css';
import '../styles/admin.css';
import { ApiError, getJson, postJson } from '../api';
import { escapeHtml } from '../format';
import { installHook } from '../testHook';
import { initImports } from './imports';
import { initPortalContent } from './portalContent';
import { initPatrolPlans } from './patrolPlans';
import { initExchange } from './exchange';

/**
 * 管理控制台 (docs/web.md): accounts (list, create tied to a region and role, disable), the field-manager roster
 * import with its row-by-row problems, the screening and comparison job queues, the public portal's content, patrol
 * plans and tasks (patrolPlans.ts) and data exchange (exchange.ts). For system and region admins;
 * the server enforces the same (policy "admin", region checks, row-level security).
 */
const hook = installHook('admin');
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const ROLES: Record<string, string> = {
  system_admin: '系统管理员', region_admin: '区域管理员', leader: '领导', field_manager: '田管员', enforcement: '执法人员', exchange: '数据交换',
};
const STATUS: Record<string, string> = { queued: '排队中', running: '运行中', done: '已完成', failed: '失败' };

interface Me { user: { username: string; role: string; regionCode: string; displayName: string } }
interface User { username: string; role: string; regionCode: string; displayName: string; phone: string | null; disabled: boolean; lockedUntil: string | null; createdAt: string; createdBy: string }
interface ScreeningRun { id: number; countyCode: string; year: number; status: string; requestedBy: string; requestedAt: string; progressDone: number; progressTotal: number | null; greenCount: number | null; yellowCount: number | null; error: string | null }
interface ComparisonRun { id: number; countyCode: string; beforeYear: number; afterYear: number; status: string; stage: string | null; matrixRows: number | null; changePieces: number | null; error: string | null }

const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

function say(id: string, text: string, error = false): void {
  const el = $(id);
  el.textContent = text;
  el.classList.toggle('error', error);
  el.hidden = false;
}

const message = (e: unknown) => (e as Error).message; // an ApiError's message starts with what its status means

// ---- users ---------------------------------------------------------------------------------------------------

async function loadUsers(me: Me['user']): Promise<void> {
  const users = await getJson<User[]>('/api/admin/users');
  $('user-count').textContent = `共 ${users.length} 个`;
  $('user-rows').innerHTML = users.map((u) => `
    <tr data-username="${escapeHtml(u.username)}" class="${u.disabled ? 'disabled' : ''}">
      <td>${escapeHtml(u.username)}</td><td>${escapeHtml(u.displayName)}</td><td>${escapeHtml(ROLES[u.role] ?? u.role)}</td>
      <td>${escapeHtml(u.regionCode || '全国')}</td><td>${escapeHtml(u.phone ?? '')}</td>
      <td>${u.disabled ? '<span class="pill pill-off">已停用</span>' : u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() ? '<span class="pill pill-off">锁定</span>' : '<span class="pill pill-ok">正常</span>'}</td>
      <td>${time(u.createdAt)} ${escapeHtml(u.createdBy)}</td>
      <td>${u.disabled || u.username === me.username ? '' : '<button type="button" class="btn btn-disable">停用</button>'}</td>
    </tr>`).join('');
  hook.users = users.length;
}

async function createUser(me: Me['user']): Promise<void> {
  const body = {
    username: $<HTMLInputElement>('u-username').value.trim(), displayName: $<HTMLInputElement>('u-name').value.trim(),
    role: $<HTMLSelectElement>('u-role').value, regionCode: $<HTMLInputElement>('u-region').value.trim(),
    phone: $<HTMLInputElement>('u-phone').value.trim() || null, password: $<HTMLInputElement>('u-password').value || null,
  };
  try {
    const created = await postJson<{ username: string; initialPassword: string | null }>('/api/admin/users', body);
    say('user-result', created.initialPassword
      ? `已创建 ${created.username}。初始密码（只显示这一次，请转交本人并提醒修改）：${created.initialPassword}`
      : `已创建 ${created.username}。`);
    ($('user-form') as HTMLFormElement).reset();
    await loadUsers(me);
  } catch (e) {
    say('user-result', `未创建：${message(e)}`, true);
  }
}

// ---- roster --------------------------------------------------------------------------------------------------

/** Problems read "file: row R, column C: message" (docs/patrol.md); rows and columns become table cells. */
function problemRow(problem: string): [string, string, string] {
  const m = /row (\d+)(?:, column ([^:]+))?: (.*)$/.exec(problem);
  return m ? [m[1]!, m[2] ?? '', m[3]!] : ['', '', problem];
}

async function importRoster(): Promise<void> {
  const file = $<HTMLInputElement>('roster-file').files?.[0];
  if (!file) return;
  const table = $('roster-problems');
  table.hidden = true;
  say('roster-result', `正在导入 ${file.name}…`);
  const response = await fetch(`/api/patrol/roster?fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/octet-stream' }, body: file,
  });
  const body = (await response.json().catch(() => ({}))) as { rows?: number; cells?: number; superseded?: number; detail?: string; problems?: string[] };
  if (response.ok) {
    say('roster-result', `导入成功：${body.rows} 行，涉及 ${body.cells} 个网格，替换原有 ${body.superseded} 条。`);
  } else {
    const problems = body.problems ?? [];
    say('roster-result', `未导入（整份文件均未写入）：${problems.length ? `${problems.length} 处问题，见下表` : body.detail ?? response.statusText}`, true);
    table.querySelector('tbody')!.innerHTML = problems.map((p) => `<tr>${problemRow(p).map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
    table.hidden = problems.length === 0;
  }
  hook.rosterDone = (hook.rosterDone as number | undefined ?? 0) + 1;
}

// ---- jobs ----------------------------------------------------------------------------------------------------

let poll: number | null = null;
const comparisonIds: number[] = JSON.parse(sessionStorage.getItem('gengbao-comparisons') ?? '[]') as number[];

async function loadJobs(region: string): Promise<void> {
  const runs = await getJson<ScreeningRun[]>(`/api/screening/runs?limit=20${region ? `&region=${region}` : ''}`);
  $('screen-rows').innerHTML = runs.map((r) => `
    <tr data-run-id="${r.id}" data-status="${r.status}">
      <td>${r.id}</td><td>${escapeHtml(r.countyCode)}</td><td>${r.year}</td>
      <td><span class="pill pill-${r.status === 'done' ? 'ok' : r.status}">${STATUS[r.status] ?? r.status}</span>${r.error ? ` <span class="error small">${escapeHtml(r.error)}</span>` : ''}</td>
      <td><progress max="${r.progressTotal ?? 1}" value="${r.status === 'done' ? (r.progressTotal ?? 1) : r.progressDone}"></progress> ${r.progressDone}/${r.progressTotal ?? '?'}</td>
      <td>${r.greenCount ?? '—'} / ${r.yellowCount ?? '—'}</td><td>${time(r.requestedAt)} ${escapeHtml(r.requestedBy)}</td>
    </tr>`).join('');
  const comparisons = await Promise.all(comparisonIds.map((id) => getJson<ComparisonRun>(`/api/comparison/runs/${id}`).catch(() => null)));
  $('compare-rows').innerHTML = comparisons.filter((c): c is ComparisonRun => c !== null).map((c) => `
    <tr data-run-id="${c.id}" data-status="${c.status}">
      <td>${c.id}</td><td>${escapeHtml(c.countyCode)}</td><td>${c.beforeYear} → ${c.afterYear}</td>
      <td><span class="pill pill-${c.status === 'done' ? 'ok' : c.status}">${STATUS[c.status] ?? c.status}</span>${c.error ? ` <span class="error small">${escapeHtml(c.error)}</span>` : ''}</td>
      <td>${escapeHtml(c.stage ?? '')}</td><td>${c.matrixRows ?? '—'} / ${c.changePieces ?? '—'}</td>
    </tr>`).join('');
  const active = runs.some((r) => r.status === 'queued' || r.status === 'running') || comparisons.some((c) => c && (c.status === 'queued' || c.status === 'running'));
  if (poll !== null) window.clearTimeout(poll);
  poll = active ? window.setTimeout(() => void loadJobs(region), 2000) : null;
  hook.jobsLoaded = (hook.jobsLoaded as number | undefined ?? 0) + 1;
}

// ---- start ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const me = (await getJson<Me>('/api/auth/me')).user;
  if (me.role !== 'system_admin' && me.role !== 'region_admin') {
    say('admin-denied', `管理控制台仅供系统管理员和区域管理员使用。您的账号（${me.username}，${ROLES[me.role] ?? me.role}）没有管理权限，如需开设账号或导入花名册请联系本级管理员。`, true);
    hook.ready = true;
    return;
  }
  $('admin-content').hidden = false;
  $('admin-who').textContent = `${me.displayName || me.username} · ${ROLES[me.role]} · 管辖 ${me.regionCode || '全国'}`;
  $<HTMLInputElement>('u-region').value = me.regionCode;
  $<HTMLInputElement>('s-region').value = me.regionCode.slice(0, 6);
  $<HTMLInputElement>('c-county').value = me.regionCode.length >= 6 ? me.regionCode.slice(0, 6) : '';
  const catalog = await getJson<{ layers: Array<{ id: string; years: number[] }> }>('/tiles/layers.json');
  const years = catalog.layers.find((l) => l.id === 'dltb')?.years ?? [];
  $<HTMLInputElement>('s-year').value = String(catalog.layers.find((l) => l.id === 'bhtb')?.years[0] ?? years[0] ?? new Date().getFullYear());
  $<HTMLInputElement>('c-after').value = String(years[0] ?? '');
  $<HTMLInputElement>('c-before').value = String(years[1] ?? '');

  for (const tab of document.querySelectorAll<HTMLButtonElement>('.tabs button')) {
    tab.addEventListener('click', () => {
      for (const t of document.querySelectorAll<HTMLButtonElement>('.tabs button')) t.setAttribute('aria-selected', String(t === tab));
      for (const p of document.querySelectorAll<HTMLElement>('.tab-panel')) p.hidden = p.id !== `tab-${tab.dataset.tab}`;
      if (tab.dataset.tab === 'jobs') void loadJobs(me.regionCode);
      if (tab.dataset.tab === 'portal') void loadPortal().catch((err: unknown) => say('portal-result', `加载失败：${message(err)}`, true));
      if (tab.dataset.tab === 'plans') void loadPlans().catch((err: unknown) => say('plan-result', `加载失败：${message(err)}`, true));
      if (tab.dataset.tab === 'exchange') void loadExchange().catch((err: unknown) => say('xu-result', `加载失败：${message(err)}`, true));
    });
  }
  $('user-form').addEventListener('submit', (e) => { e.preventDefault(); void createUser(me); });
  $('user-rows').addEventListener('click', (e) => {
    const button = (e.target as HTMLElement).closest('.btn-disable');
    const username = button?.closest<HTMLElement>('tr')?.dataset.username;
    if (!username || !window.confirm(`停用账号 ${username}？其登录会立即失效。`)) return;
    void postJson(`/api/admin/users/${encodeURIComponent(username)}/disable`, {}).catch(async (err: unknown) => {
      // 204 has no JSON body; postJson's parse fails after success
      if (err instanceof ApiError) throw err;
    }).then(() => loadUsers(me)).catch((err: unknown) => say('user-result', `未停用：${message(err)}`, true));
  });
  const loadPortal = initPortalContent(say, message, me.regionCode, () => { hook.portalLoaded = (hook.portalLoaded as number | undefined ?? 0) + 1; });
  initImports(message); // 数据导入 tab (its own module)
  const loadPlans = initPatrolPlans($('tab-plans'), me.regionCode, hook, say, message);
  const loadExchange = initExchange($('tab-exchange'), hook, say, message);
  $('roster-form').addEventListener('submit', (e) => { e.preventDefault(); void importRoster(); });
  $('screen-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const region = $<HTMLInputElement>('s-region').value.trim();
    const year = Number($<HTMLInputElement>('s-year').value);
    void postJson<Array<{ runId?: number; id?: number }>>('/api/screening/runs', { region, year })
      .then((runs) => { say('screen-result', `已加入队列：${runs.length} 个县的筛查任务`); return loadJobs(me.regionCode); })
      .catch((err: unknown) => say('screen-result', `未加入：${message(err)}`, true));
  });
  $('compare-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { county: $<HTMLInputElement>('c-county').value.trim(), beforeYear: Number($<HTMLInputElement>('c-before').value), afterYear: Number($<HTMLInputElement>('c-after').value) };
    void postJson<ComparisonRun>('/api/comparison/runs', body)
      .then((run) => {
        comparisonIds.unshift(run.id);
        sessionStorage.setItem('gengbao-comparisons', JSON.stringify(comparisonIds.slice(0, 20)));
        say('compare-result', `已加入队列：对比任务 ${run.id}`);
        return loadJobs(me.regionCode);
      })
      .catch((err: unknown) => say('compare-result', `未加入：${message(err)}`, true));
  });
  await loadUsers(me);
  hook.ready = true;
}

main().catch((e: unknown) => {
  say('admin-denied', `加载失败：${message(e)}`, true);
  throw e;
});
