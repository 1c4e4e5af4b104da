import { getJson } from '../api';

/** GET /api/patrol/tasks rows (PatrolTaskView). */
export interface PatrolTask {
  id: number; countyCode: string; cellCode: string; cellName: string | null; cellLevel: number; periodKey: string; periodStart: string;
  dueAt: string; state: string; stateLabel: string; coverage: number | null; flags: string[]; assigneeName: string | null; assigneePhone: string | null;
}
/** GET /api/patrol/tracks/{id}: every fix with distance (m), seconds and speed (m/s) since the previous fix, and its flags. */
export interface ReplayFix {
  lon: number; lat: number; accuracy: number | null; altitude: number | null; time: string;
  distanceM: number; seconds: number; speedMps: number | null; jump: boolean; poorAccuracy: boolean; outsideCell: boolean;
}
export interface PatrolWarning { id: number; taskId: number; cellCode: string; kind: string; supervisorCode: string | null; supervisorName: string | null; createdAt: string }
export interface Me { user: { username: string; role: string; regionCode: string; displayName: string } }

export const STATES: Array<[string, string]> = [['pending', '待巡查'], ['in_progress', '巡查中'], ['completed', '已完成'], ['incomplete', '未完成'], ['overdue', '已过期']];
export const LEVELS = ['', '省', '州', '县', '乡', '村', '社'];

export const patrolApi = {
  me: () => getJson<Me>('/api/auth/me'),
  tasks: (region: string, state: string) =>
    getJson<PatrolTask[]>(`/api/patrol/tasks?limit=2000${region ? `&region=${region}` : ''}${state ? `&state=${state}` : ''}`),
  warnings: (region: string) => getJson<PatrolWarning[]>(`/api/patrol/warnings?limit=200${region ? `&region=${region}` : ''}`),
  replay: (taskId: number) => getJson<ReplayFix[]>(`/api/patrol/tracks/${taskId}`),
};

export function chinaTime(iso: string, withDate = true): string {
  return new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai', hour12: false,
    ...(withDate ? { month: 'numeric', day: 'numeric' } : {}), hour: '2-digit', minute: '2-digit', second: withDate ? undefined : '2-digit',
  });
}
