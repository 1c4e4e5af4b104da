/**
 * The field app's durable queue in IndexedDB (database `gengbao-field`). Every GPS fix is written here before anything
 * else happens to it, and leaves only when the server has acknowledged the batch that carries it:
 *
 * - `points`: fixes not yet in a batch (auto-increment key = arrival order).
 * - `outbox`: what waits for the server, in order (auto-increment key): a sealed track batch with its client-made
 *   batch id, a finding with its photos (as Blobs), or a task's finish. An item is deleted only after the server
 *   answered it; a retry sends the same item again, so a batch keeps its id however often it is retried, and a finding
 *   its `localId` (a UUID made when it was reported, sent as `clientId`: the server stores it once).
 *
 * Sealing (points → one batch) is one IndexedDB transaction: the points are deleted and the batch added together or
 * not at all, so a fix is never in two batches and never in none.
 */
export interface Fix { taskId: number; lon: number; lat: number; accuracy: number | null; altitude: number | null; time: string }

export interface BatchItem { kind: 'batch'; taskId: number; batchId: string; points: Array<Omit<Fix, 'taskId'>>; attempts: number; error?: string }
export interface FindingPhoto { name: string; type: string; blob: Blob }
export interface FindingItem {
  kind: 'finding'; localId: string; taskId: number | null; category: string; notes: string; geometry: unknown;
  photos: FindingPhoto[]; serverId?: number; photosSent: number; attempts: number; error?: string; createdAt: string;
}
export interface FinishItem { kind: 'finish'; taskId: number; attempts: number; error?: string }
export type OutboxItem = BatchItem | FindingItem | FinishItem;

const DB_NAME = 'gengbao-field';

let opened: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const d = request.result;
      d.createObjectStore('points', { autoIncrement: true });
      d.createObjectStore('outbox', { autoIncrement: true });
      d.createObjectStore('kv');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
  return opened;
}

/** Runs <paramref name="work"/> in one transaction and resolves when it has committed (durably, for the points). */
async function tx<T>(stores: string[], mode: IDBTransactionMode, work: (t: IDBTransaction) => T | Promise<T>): Promise<T> {
  const d = await db();
  const t = d.transaction(stores, mode, { durability: 'strict' });
  const done = new Promise<void>((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
    t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
  });
  const result = await work(t);
  await done;
  return result;
}

function req<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Stores one fix, and as `lastFix` the newest one, in one transaction; resolves once committed. A browser may deliver
 * the last fix again when the watch restarts after a reload; `lastFix` lets the app recognise it.
 */
export function addFix(fix: Fix): Promise<void> {
  return tx(['points', 'kv'], 'readwrite', (t) => {
    t.objectStore('points').add(fix);
    t.objectStore('kv').put(fix, 'lastFix');
  });
}

/** Moves every unbatched fix into batches (one per task, in arrival order) in one transaction; returns how many batches. */
export function sealBatches(newId: () => string): Promise<number> {
  return tx(['points', 'outbox'], 'readwrite', async (t) => {
    const points = t.objectStore('points');
    const keys = await req(points.getAllKeys());
    const values = (await req(points.getAll())) as Fix[];
    if (values.length === 0) return 0;
    const byTask = new Map<number, Fix[]>();
    for (const fix of values) {
      const list = byTask.get(fix.taskId) ?? [];
      list.push(fix);
      byTask.set(fix.taskId, list);
    }
    const outbox = t.objectStore('outbox');
    for (const [taskId, fixes] of byTask) {
      // The server takes up to 10,000 points a batch.
      for (let i = 0; i < fixes.length; i += 5000) {
        const item: BatchItem = {
          kind: 'batch', taskId, batchId: newId(), attempts: 0,
          points: fixes.slice(i, i + 5000).map(({ lon, lat, accuracy, altitude, time }) => ({ lon, lat, accuracy, altitude, time })),
        };
        outbox.add(item);
      }
    }
    for (const key of keys) points.delete(key);
    return byTask.size;
  });
}

export function addOutbox(item: OutboxItem): Promise<void> {
  return tx(['outbox'], 'readwrite', (t) => { t.objectStore('outbox').add(item); });
}

export async function outbox(): Promise<Array<{ key: IDBValidKey; item: OutboxItem }>> {
  return tx(['outbox'], 'readonly', async (t) => {
    const store = t.objectStore('outbox');
    const [keys, values] = await Promise.all([req(store.getAllKeys()), req(store.getAll())]);
    return keys.map((key, i) => ({ key, item: values[i] as OutboxItem }));
  });
}

export function putOutbox(key: IDBValidKey, item: OutboxItem): Promise<void> {
  return tx(['outbox'], 'readwrite', (t) => { t.objectStore('outbox').put(item, key); });
}

export function deleteOutbox(key: IDBValidKey): Promise<void> {
  return tx(['outbox'], 'readwrite', (t) => { t.objectStore('outbox').delete(key); });
}

export async function pendingFixes(): Promise<Fix[]> {
  return tx(['points'], 'readonly', async (t) => (await req(t.objectStore('points').getAll())) as Fix[]);
}

/** Small settings that must survive a reload offline: the signed-in user and token, the running patrol. */
export function getValue<T>(key: string): Promise<T | undefined> {
  return tx(['kv'], 'readonly', async (t) => (await req(t.objectStore('kv').get(key))) as T | undefined);
}

export function setValue(key: string, value: unknown): Promise<void> {
  return tx(['kv'], 'readwrite', (t) => {
    if (value === undefined) t.objectStore('kv').delete(key);
    else t.objectStore('kv').put(value, key);
  });
}
