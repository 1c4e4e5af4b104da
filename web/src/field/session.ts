import { getValue, setValue } from './store';

/** The signed-in field manager as /api/auth/login answers; kept in IndexedDB so the app opens offline. */
export interface FieldUser { username: string; role: string; regionCode: string; displayName: string }
interface Session { token: string; expiresAt: string; user: FieldUser }

/** The server answered 401: the session ended. The queue stays; uploads resume after signing in again. */
export class NotSignedIn extends Error {
  constructor() { super('not signed in'); }
}

let session: Session | undefined;

export async function loadSession(): Promise<FieldUser | null> {
  session = await getValue<Session>('session');
  return session?.user ?? null;
}

export async function signIn(username: string, password: string): Promise<FieldUser> {
  const response = await fetch('/api/auth/login', {
    method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) {
    throw new Error(response.status === 429 ? '尝试过于频繁，请稍后再试' : '账号或密码不正确，或账号已锁定');
  }
  session = (await response.json()) as Session;
  await setValue('session', session);
  return session.user;
}

export async function signOut(): Promise<void> {
  try { await fieldFetch('/api/auth/logout', { method: 'POST' }); } catch { /* offline: the token just expires */ }
  session = undefined;
  await setValue('session', undefined);
}

/**
 * fetch with the bearer token (and the session cookie). Throws NotSignedIn on 401 and lets network errors through
 * (TypeError), so callers can tell "try again later" from "sign in again".
 */
export async function fieldFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (session) headers.set('Authorization', `Bearer ${session.token}`);
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (response.status === 401) throw new NotSignedIn();
  return response;
}

export async function fieldJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fieldFetch(path, { ...init, headers: { Accept: 'application/json', ...(init.headers as Record<string, string> | undefined) } });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = ((await response.json()) as { detail?: string }).detail ?? detail; } catch { /* not JSON */ }
    throw new Error(`${response.status} ${detail}`);
  }
  return (await response.json()) as T;
}
