import { escapeHtml } from '../format';
import { fieldJson } from './session';

/** A patrol task as GET /api/patrol/tasks lists it (PatrolTaskView). */
export interface FieldTask {
  id: number; cellCode: string; cellName: string | null; cellLevel: number; periodKey: string; periodStart: string; dueAt: string;
  state: string; stateLabel: string; coverage: number | null; flags: string[]; assigneeName: string | null;
}

const OPEN = new Set(['pending', 'in_progress', 'incomplete']);
const LEVEL = ['', '', '州', '县', '乡', '村', '社'];

/** The tasks of the user's region (his grid cell and the cells beneath it): open ones first, soonest due first. */
export async function loadTasks(region: string): Promise<FieldTask[]> {
  const tasks = await fieldJson<FieldTask[]>(`/api/patrol/tasks?region=${encodeURIComponent(region)}&limit=300`);
  return tasks.sort((a, b) => Number(OPEN.has(b.state)) - Number(OPEN.has(a.state)) || a.dueAt.localeCompare(b.dueAt) || a.cellCode.localeCompare(b.cellCode));
}

/** Due dates are shown in China time, the calendar the cycles follow (docs/patrol.md). */
export function chinaDate(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function renderTasks(list: HTMLElement, tasks: FieldTask[], start: (task: FieldTask) => void): void {
  list.replaceChildren();
  if (tasks.length === 0) {
    list.innerHTML = '<li class="task-empty muted">辖区内暂无巡田任务</li>';
    return;
  }
  for (const task of tasks) {
    const li = document.createElement('li');
    li.className = `task task-${task.state}`;
    li.dataset.taskId = String(task.id);
    li.dataset.state = task.state;
    const canStart = OPEN.has(task.state);
    li.innerHTML = `
      <div class="task-main">
        <strong>${escapeHtml(task.cellName ?? task.cellCode)}</strong><span class="task-level">${LEVEL[task.cellLevel] ?? ''}级</span>
        <span class="state state-${task.state}">${escapeHtml(task.stateLabel)}</span>
      </div>
      <div class="task-meta muted small">周期 ${escapeHtml(task.periodKey)} · 截止 ${chinaDate(task.dueAt)}${task.coverage === null ? '' : ` · 覆盖 ${(task.coverage * 100).toFixed(0)}%`}</div>`;
    if (canStart) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'btn btn-primary task-start';
      button.textContent = task.state === 'pending' ? '开始巡查' : '继续巡查';
      button.addEventListener('click', () => start(task));
      li.append(button);
    }
    list.append(li);
  }
}
