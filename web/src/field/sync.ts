import { deleteOutbox, outbox, pendingFixes, putOutbox, sealBatches, type OutboxItem } from './store';
import { fieldFetch, NotSignedIn } from './session';

/** What the status bar shows: fixes and findings still on the phone, and the last problem if any. */
export interface SyncState { points: number; findings: number; other: number; syncing: boolean; lastError: string | null; lastSync: string | null }

type Listener = (state: SyncState) => void;

/**
 * Sends the outbox in order, one item at a time, whenever asked (a new fix, back online, a timer, stop). One run at a
 * time; a request during a run makes one more run afterwards. An item leaves the outbox only after a 2xx answer (or a
 * final refusal, kept visible as an error); a network failure or 5xx stops the run and the item is retried next time
 * with the same batch id, which the server stores at most once.
 */
export class SyncQueue {
  private running: Promise<void> | null = null;
  private again = false;
  private listeners: Listener[] = [];
  state: SyncState = { points: 0, findings: 0, other: 0, syncing: false, lastError: null, lastSync: null };
  /** Finding client ids acknowledged by the server in this page's life, with whether it stored them then (read by the tests). */
  readonly findingsAcknowledged: Array<{ clientId: string; id: number; stored: boolean }> = [];
  /** Batch ids acknowledged by the server in this page's life, in order (read by the tests). */
  readonly acknowledged: Array<{ batchId: string; points: number; stored: boolean }> = [];

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  async refresh(): Promise<SyncState> {
    const [fixes, items] = await Promise.all([pendingFixes(), outbox()]);
    let points = fixes.length;
    let findings = 0;
    let other = 0;
    for (const { item } of items) {
      if (item.kind === 'batch') points += item.points.length;
      else if (item.kind === 'finding') findings++;
      else other++;
    }
    this.state = { ...this.state, points, findings, other };
    for (const l of this.listeners) l(this.state);
    return this.state;
  }

  /** Asks for a run; resolves when the queue has been tried (not necessarily emptied). */
  request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.runOnce();
      } while (this.again);
    })().finally(() => { this.running = null; });
    return this.running;
  }

  private async runOnce(): Promise<void> {
    if (!navigator.onLine) {
      await this.refresh();
      return;
    }
    this.state = { ...this.state, syncing: true };
    await this.refresh();
    try {
      await sealBatches(() => crypto.randomUUID());
      for (const { key, item } of await outbox()) {
        if (item.error) continue; // refused for good: kept and shown, never resent automatically
        if (await this.send(key, item)) await deleteOutbox(key);
        await this.refresh();
      }
      const left = await this.refresh();
      if (left.points + left.findings + left.other === 0) {
        this.state = { ...this.state, lastError: null, lastSync: new Date().toISOString() };
      }
    } catch (e) {
      this.state = { ...this.state, lastError: e instanceof NotSignedIn ? '登录已过期，请重新登录后自动上传' : `上传中断：${(e as Error).message}` };
    } finally {
      this.state = { ...this.state, syncing: false };
      await this.refresh();
    }
  }

  /** Sends one item; true when it may leave the outbox. Throws on a network error (the run stops, nothing is lost). */
  private async send(key: IDBValidKey, item: OutboxItem): Promise<boolean> {
    item.attempts++;
    if (item.kind === 'batch') {
      const response = await fieldFetch(`/api/patrol/tracks/${item.taskId}/batches`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ batchId: item.batchId, points: item.points }),
      });
      if (response.ok) {
        const result = (await response.json()) as { stored: boolean; points: number };
        this.acknowledged.push({ batchId: item.batchId, points: item.points.length, stored: result.stored });
        return true;
      }
      return this.refused(key, item, response);
    }
    if (item.kind === 'finish') {
      const response = await fieldFetch(`/api/patrol/tasks/${item.taskId}/finish`, { method: 'POST' });
      // 409: the task was judged or went overdue meanwhile; the track is on the server either way.
      return response.ok || response.status === 409 || this.refused(key, item, response);
    }
    if (item.serverId === undefined) {
      const response = await fieldFetch('/api/patrol/findings', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        // The id made when the finding was reported: a retry after a lost answer gets the stored finding back (200).
        body: JSON.stringify({ clientId: item.localId, category: item.category, notes: item.notes, geometry: item.geometry, taskId: item.taskId }),
      });
      if (!response.ok) return this.refused(key, item, response);
      item.serverId = ((await response.json()) as { id: number }).id;
      // 201: stored now; 200: the server already had it (an earlier answer was lost).
      this.findingsAcknowledged.push({ clientId: item.localId, id: item.serverId, stored: response.status === 201 });
      await putOutbox(key, item);
    }
    while (item.photosSent < item.photos.length) {
      const photo = item.photos[item.photosSent]!;
      // The server keeps one copy of an image per finding (SHA-256), so resending a photo after a lost answer is harmless.
      const response = await fieldFetch(`/api/patrol/findings/${item.serverId}/photos?fileName=${encodeURIComponent(photo.name)}`, {
        method: 'POST', headers: { 'Content-Type': photo.type || 'application/octet-stream' }, body: photo.blob,
      });
      if (!response.ok) return this.refused(key, item, response);
      item.photosSent++;
      await putOutbox(key, item);
    }
    return true;
  }

  /**
   * A 4xx (other than 401, which throws NotSignedIn earlier, and 429) will not get better by retrying: the item stays
   * in the outbox marked with the server's reason, is shown, and no longer holds up the items after it. 5xx and 429 stop
   * the run; the item is retried later.
   */
  private async refused(key: IDBValidKey, item: OutboxItem, response: Response): Promise<boolean> {
    if (response.status >= 500 || response.status === 429) throw new Error(`服务器暂时不可用（${response.status}）`);
    let detail = response.statusText;
    try { detail = ((await response.json()) as { detail?: string }).detail ?? detail; } catch { /* not JSON */ }
    item.error = `${response.status} ${detail}`;
    await putOutbox(key, item);
    this.state = { ...this.state, lastError: `服务器拒收：${item.error}` };
    return false;
  }
}
