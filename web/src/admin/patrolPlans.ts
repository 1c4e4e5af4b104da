import { getJson, postJson, sendJson } from '../api';
import { escapeHtml } from '../format';
import type { GengbaoHook } from '../testHook';
import { chinaTime, LEVELS, type PatrolTask, type PatrolWarning } from '../patrol/data';

/**
 * 巡田计划 (docs/web.md, docs/patrol.md): the patrol plans in force for the admin's region — the seed 001 defaults
 * per level and the overrides per region and season — with a form to add, change or end an override; and the task
 * monitor: tasks by state with counts, filters by region, state and due date, overdue rows highlighted, the
 * supervisors' warnings, and "dispatch now". The server decides what this admin may change (region, policy "admin").
 */
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

interface Plan { id: number; name: string; level: number; regionPrefix: string; cycle: string; months: number[] | null; active: boolean }
interface DispatchResult { at: string; tasksCreated: number; markedOverdue: number; warnings: number }

const CYCLES: Record<string, string> = { weekly: '每周', monthly: '每月', quarterly: '每季度', half_yearly: '每半年' };
/** The task states as the issue names them; the server's labels (待巡查…) are the same states. */
const STATES: Array<[string, string]> = [['pending', '待办'], ['in_progress', '进行中'], ['completed', '已完成'], ['incomplete', '未完成'], ['overdue', '逾期']];
const LAST_DEFAULT_ID = 5;
const TASK_ROWS = 300;

const PANEL = `
  <div class="admin-card">
    <h2>巡田计划 <span id="plan-count" class="muted small"></span></h2>
    <p class="muted small">默认周期（实施方案）：社级每周、村级每月、乡级每季度、县级和州级每半年。可按行政区和季节（月份）覆盖；同一网格取行政区代码最长匹配的计划，其次季节计划优先于全年计划。</p>
    <div class="table-wrap">
      <table class="admin-table nw">
        <thead><tr><th>编号</th><th>名称</th><th>层级</th><th>周期</th><th>季节</th><th>行政区</th><th>类型</th><th></th></tr></thead>
        <tbody id="plan-rows"></tbody>
      </table>
    </div>
  </div>
  <div class="admin-card">
    <h2 id="plan-form-title">新增覆盖计划</h2>
    <form id="plan-form" class="form-grid" autocomplete="off">
      <input id="pl-id" type="hidden" />
      <label>名称<input id="pl-name" required maxlength="100" placeholder="如 农忙季村级每周巡田" /></label>
      <label>层级
        <select id="pl-level">${[2, 3, 4, 5, 6].map((l) => `<option value="${l}"${l === 5 ? ' selected' : ''}>${LEVELS[l]}级</option>`).join('')}</select>
      </label>
      <label>行政区代码（前缀）<input id="pl-region" inputmode="numeric" pattern="\\d{0,15}" placeholder="如 622921 为全县" /></label>
      <label>周期
        <select id="pl-cycle">${Object.entries(CYCLES).map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select>
      </label>
      <fieldset class="wide months"><legend>季节（不选为全年）</legend>
        ${Array.from({ length: 12 }, (_, i) => `<label class="check"><input type="checkbox" name="pl-month" value="${i + 1}" />${i + 1}月</label>`).join('')}
      </fieldset>
      <div class="form-actions wide">
        <button id="pl-submit" type="submit" class="btn btn-primary">新增</button>
        <button id="pl-cancel" type="button" class="btn" hidden>取消修改</button>
      </div>
    </form>
    <p id="plan-result" class="result" role="status" hidden></p>
  </div>
  <div class="admin-card">
    <h2>巡田任务 <span id="task-total" class="muted small"></span></h2>
    <form id="task-filter" class="inline-form">
      <label>行政区代码<input id="tf-region" inputmode="numeric" pattern="\\d{0,15}" /></label>
      <label>状态
        <select id="tf-state"><option value="">全部</option>${STATES.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select>
      </label>
      <label>截止日期从<input id="tf-from" type="date" /></label>
      <label>至<input id="tf-to" type="date" /></label>
      <button type="submit" class="btn">查询</button>
      <button id="btn-dispatch" type="button" class="btn btn-primary">立即派发</button>
    </form>
    <p id="dispatch-result" class="result" role="status" hidden></p>
    <div id="task-states" class="task-states"></div>
    <p id="overdue-warning" class="result error" role="alert" hidden></p>
    <div class="table-wrap">
      <table class="admin-table nw">
        <thead><tr><th>编号</th><th>网格</th><th>层级</th><th>周期</th><th>截止</th><th>状态</th><th>田管员</th></tr></thead>
        <tbody id="admin-task-rows"></tbody>
      </table>
    </div>
    <p id="admin-task-note" class="muted small"></p>
    <h3>逾期与到期预警 <span id="admin-warning-count" class="muted small"></span></h3>
    <ul id="admin-warning-list" class="warning-list"></ul>
  </div>`;

const seasonText = (months: number[] | null) => (months === null ? '全年' : `${months.join('、')}月`);
const regionText = (prefix: string) => (prefix === '' ? '全国（默认）' : prefix);

/** Plans in force for a region: everywhere (prefix ''), above it (a prefix of it) or inside it. */
const concerns = (plan: Plan, region: string) => region.startsWith(plan.regionPrefix) || plan.regionPrefix.startsWith(region);
const covers = (region: string, prefix: string) => prefix.startsWith(region);

/** China-time midnight of a yyyy-mm-dd date input, as ISO; days later with `plusDays`. */
function chinaMidnight(date: string, plusDays = 0): string {
  const d = new Date(`${date}T00:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString();
}

export function initPatrolPlans(panel: HTMLElement, region: string, hook: GengbaoHook,
  say: (id: string, text: string, error?: boolean) => void, message: (e: unknown) => string): () => Promise<void> {
  panel.innerHTML = PANEL;
  $<HTMLInputElement>('pl-region').value = region;
  $<HTMLInputElement>('tf-region').value = region;
  let plans: Plan[] = [];
  let tasks: PatrolTask[] = [];

  const fill = (plan: Plan | null) => {
    $<HTMLInputElement>('pl-id').value = plan ? String(plan.id) : '';
    $<HTMLInputElement>('pl-name').value = plan?.name ?? '';
    $<HTMLSelectElement>('pl-level').value = String(plan?.level ?? 5);
    $<HTMLInputElement>('pl-region').value = plan?.regionPrefix ?? region;
    $<HTMLSelectElement>('pl-cycle').value = plan?.cycle ?? 'weekly';
    for (const box of document.querySelectorAll<HTMLInputElement>('input[name="pl-month"]')) box.checked = plan?.months?.includes(Number(box.value)) ?? false;
    // Another level or region is another plan: only name, cycle and season change.
    $<HTMLSelectElement>('pl-level').disabled = plan !== null;
    $<HTMLInputElement>('pl-region').disabled = plan !== null;
    $('plan-form-title').textContent = plan ? `修改计划 #${plan.id}` : '新增覆盖计划';
    $('pl-submit').textContent = plan ? `保存修改（#${plan.id}）` : '新增';
    $('pl-cancel').hidden = plan === null;
  };

  const loadPlans = async () => {
    plans = (await getJson<Plan[]>('/api/patrol/plans')).filter((p) => concerns(p, region));
    plans.sort((a, b) => Number(b.active) - Number(a.active) || a.level - b.level || a.regionPrefix.localeCompare(b.regionPrefix) || a.id - b.id);
    const active = plans.filter((p) => p.active).length;
    $('plan-count').textContent = `生效 ${active} 项${plans.length > active ? `，已结束 ${plans.length - active} 项` : ''}`;
    $('plan-rows').innerHTML = plans.map((p) => {
      const mine = p.active && covers(region, p.regionPrefix);
      return `
      <tr data-plan-id="${p.id}" class="${p.active ? '' : 'disabled'}">
        <td>${p.id}</td><td class="name">${escapeHtml(p.name)}</td><td>${LEVELS[p.level] ?? p.level}级</td><td>${CYCLES[p.cycle] ?? escapeHtml(p.cycle)}</td>
        <td>${seasonText(p.months)}</td><td>${escapeHtml(regionText(p.regionPrefix))}</td>
        <td>${!p.active ? '<span class="pill pill-off">已结束</span>' : p.id <= LAST_DEFAULT_ID ? '<span class="pill">默认</span>' : '<span class="pill pill-running">覆盖</span>'}</td>
        <td class="nowrap">${mine ? '<button type="button" class="btn btn-edit">修改</button>' : ''}${mine && p.id > LAST_DEFAULT_ID ? ' <button type="button" class="btn btn-end">结束</button>' : ''}</td>
      </tr>`;
    }).join('');
    hook.plansLoaded = (hook.plansLoaded as number | undefined ?? 0) + 1;
  };

  const savePlan = async () => {
    const id = $<HTMLInputElement>('pl-id').value;
    const checked = [...document.querySelectorAll<HTMLInputElement>('input[name="pl-month"]:checked')].map((b) => Number(b.value));
    const body = {
      name: $<HTMLInputElement>('pl-name').value.trim(), cycle: $<HTMLSelectElement>('pl-cycle').value, months: checked.length ? checked : null,
      level: Number($<HTMLSelectElement>('pl-level').value), regionPrefix: $<HTMLInputElement>('pl-region').value.trim(),
    };
    try {
      const saved = id
        ? await sendJson<Plan>('PUT', `/api/patrol/plans/${id}`, { name: body.name, cycle: body.cycle, months: body.months })
        : await postJson<Plan>('/api/patrol/plans', body);
      say('plan-result', `已保存计划 #${saved?.id ?? id}：${body.name}，${CYCLES[body.cycle]}，${seasonText(body.months)}。下次派发起生效。`);
      fill(null);
      await loadPlans();
    } catch (e) {
      say('plan-result', `未保存：${message(e)}`, true);
    }
  };

  const renderTasks = () => {
    const state = $<HTMLSelectElement>('tf-state').value;
    const counts = new Map<string, number>();
    for (const t of tasks) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
    $('task-states').innerHTML = STATES.map(([s, label]) =>
      `<button type="button" class="state-chip sc-${s}${state === s ? ' on' : ''}" data-state="${s}"><strong>${counts.get(s) ?? 0}</strong><span>${label}</span></button>`).join('');
    const shown = tasks.filter((t) => !state || t.state === state);
    const now = Date.now();
    const rows = shown.slice(0, TASK_ROWS);
    $('admin-task-rows').innerHTML = rows.map((t) => {
      const open = t.state === 'pending' || t.state === 'in_progress' || t.state === 'incomplete';
      const cls = t.state === 'overdue' ? 'overdue' : open && Date.parse(t.dueAt) - now < 3 * 86_400_000 ? 'due-soon' : '';
      return `
      <tr data-task-id="${t.id}" data-state="${t.state}" class="${cls}">
        <td>${t.id}</td><td>${escapeHtml(t.cellName ?? t.cellCode)}<span class="muted small"> ${escapeHtml(t.cellCode)}</span></td>
        <td>${LEVELS[t.cellLevel] ?? ''}</td><td>${escapeHtml(t.periodKey)}</td><td>${chinaTime(t.dueAt)}</td>
        <td><span class="state state-${t.state}">${STATES.find(([s]) => s === t.state)?.[1] ?? escapeHtml(t.stateLabel)}</span></td>
        <td>${escapeHtml(t.assigneeName ?? '未配田管员')}</td>
      </tr>`;
    }).join('');
    $('admin-task-note').textContent = shown.length > rows.length ? `共 ${shown.length} 项，显示前 ${rows.length} 项；请按行政区、状态或截止日期缩小范围` : `共 ${shown.length} 项`;
    const overdue = counts.get('overdue') ?? 0;
    const warn = $('overdue-warning');
    warn.hidden = overdue === 0;
    warn.textContent = overdue ? `⚠ ${overdue} 项巡田任务已逾期未完成，已向上一级田管员发出预警。` : '';
  };

  const loadTasks = async () => {
    const code = $<HTMLInputElement>('tf-region').value.trim();
    const from = $<HTMLInputElement>('tf-from').value;
    const to = $<HTMLInputElement>('tf-to').value;
    const query = new URLSearchParams({ limit: '10000' });
    if (code) query.set('region', code);
    if (from) query.set('dueFrom', chinaMidnight(from));
    if (to) query.set('dueTo', chinaMidnight(to, 1));
    const [list, warnings] = await Promise.all([
      getJson<PatrolTask[]>(`/api/patrol/tasks?${query}`),
      getJson<PatrolWarning[]>(`/api/patrol/warnings?limit=200${code ? `&region=${code}` : ''}`),
    ]);
    tasks = list;
    $('task-total').textContent = `共 ${tasks.length} 项${tasks.length >= 10000 ? '（已达上限，请缩小范围）' : ''}`;
    renderTasks();
    $('admin-warning-count').textContent = `最近 ${warnings.length} 条`;
    $('admin-warning-list').innerHTML = warnings.slice(0, 20).map((w) => `
      <li data-task-id="${w.taskId}" class="${w.kind === 'overdue' ? 'overdue' : 'due-soon'}">${w.kind === 'overdue' ? '逾期' : '即将到期'}：任务 ${w.taskId}（${escapeHtml(w.cellCode)}）→ 通知 ${escapeHtml(w.supervisorName ?? `${w.supervisorCode ?? ''} 未配田管员`)} · ${chinaTime(w.createdAt)}</li>`).join('');
    hook.adminTasksLoaded = (hook.adminTasksLoaded as number | undefined ?? 0) + 1;
  };

  const load = async () => {
    await Promise.all([loadPlans(), loadTasks()]);
  };

  $('plan-form').addEventListener('submit', (e) => { e.preventDefault(); void savePlan(); });
  $('pl-cancel').addEventListener('click', () => fill(null));
  $('plan-rows').addEventListener('click', (e) => {
    const target = e.target as HTMLElement;
    const id = Number(target.closest<HTMLElement>('tr')?.dataset.planId);
    const plan = plans.find((p) => p.id === id);
    if (!plan) return;
    if (target.closest('.btn-edit')) {
      fill(plan);
      $('plan-form').scrollIntoView({ block: 'nearest' });
    } else if (target.closest('.btn-end') && window.confirm(`结束计划 #${plan.id}“${plan.name}”？其网格将回到上一级适用的计划，已派发的任务保留。`)) {
      void postJson<Plan>(`/api/patrol/plans/${plan.id}/end`, {})
        .then(() => { say('plan-result', `已结束计划 #${plan.id}。`); return loadPlans(); })
        .catch((err: unknown) => say('plan-result', `未结束：${message(err)}`, true));
    }
  });
  $('task-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    void loadTasks().catch((err: unknown) => say('dispatch-result', `加载失败：${message(err)}`, true));
  });
  $('task-states').addEventListener('click', (e) => {
    const state = (e.target as HTMLElement).closest<HTMLElement>('.state-chip')?.dataset.state;
    if (state === undefined) return;
    const select = $<HTMLSelectElement>('tf-state');
    select.value = select.value === state ? '' : state;
    renderTasks();
  });
  $('tf-state').addEventListener('change', renderTasks);
  $('btn-dispatch').addEventListener('click', () => {
    const button = $<HTMLButtonElement>('btn-dispatch');
    button.disabled = true;
    void postJson<DispatchResult>('/api/patrol/dispatch', {})
      .then(async (r) => {
        say('dispatch-result', `已派发：新建 ${r.tasksCreated} 项任务，${r.markedOverdue} 项转为逾期，发出 ${r.warnings} 条预警（${chinaTime(r.at)}）。`);
        await loadTasks();
        hook.dispatched = r.tasksCreated;
      })
      .catch((err: unknown) => say('dispatch-result', `派发失败：${message(err)}`, true))
      .finally(() => { button.disabled = false; });
  });
  return load;
}
