/**
 * Every call from the pages to the server goes through here: same-origin credentials (the session cookie set by
 * login.html), JSON in and out, one error type, and a redirect to sign in on 401.
 */
/**
 * What a refusal means, in the users' language first: the server's own detail (English, naming the field, file or
 * state) follows it, so a page that shows `message` always starts with Chinese.
 */
const statusWords: Readonly<Record<number, string>> = {
  400: '请求有误',
  403: '无权操作',
  404: '未找到',
  409: '与现有数据或当前状态冲突',
  413: '文件过大',
  422: '数据未通过检查',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误',
  503: '服务暂不可用',
};

export class ApiError extends Error {
  constructor(readonly status: number, readonly detail: string) {
    super(statusWords[status] ? `${statusWords[status]}：${detail}` : detail);
  }
}

// A page starts several calls at once; when they all answer 401 it goes to sign in once, not once per call.
let signingIn = false;

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  // Not signed in (or the session ended): sign in, then come back here. The login call itself answers 401 on a wrong password.
  if (response.status === 401 && path !== '/api/auth/login' && !signingIn) {
    signingIn = true;
    location.assign(`/login.html?next=${encodeURIComponent(location.pathname + location.search)}`);
  }
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const body = (await response.json()) as { detail?: string; title?: string };
      detail = body.detail ?? body.title ?? detail;
    } catch {
      // not a problem+json body; keep the status text
    }
    throw new ApiError(response.status, detail);
  }
  return response;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await request(path, { headers: { Accept: 'application/json' } })).json()) as T;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

/** PUT or DELETE with an optional JSON body; the parsed answer, or null for 204 No Content. */
export async function sendJson<T>(method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T | null> {
  const response = await request(path, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return response.status === 204 ? null : ((await response.json()) as T);
}

/** Vector-tile URL template for OpenLayers ({z}/{x}/{y} filled in by the tile grid). */
export function tileUrl(layer: string, year: number | undefined): string {
  return `/tiles/${layer}/{z}/{x}/{y}.mvt${year === undefined ? '' : `?year=${year}`}`;
}

export function qrSvgUrl(spatialCode: string): string {
  return `/api/onemap/parcels/${encodeURIComponent(spatialCode)}/qr.svg`;
}

// ---- server shapes -------------------------------------------------------------------------------------------

export interface TileLayerInfo { id: string; title: string; years: number[] }
export interface TileCatalog { layers: TileLayerInfo[]; extent: [number, number, number, number] | null }
export interface Parcel {
  layer: string; countyCode: string; year: number; spatialCode: string; areaM2: number; areaMu: number;
  attributes: Record<string, unknown>; geometry: unknown;
}
export interface SearchHit { kind: 'admin' | 'jcbh' | 'spatial_code'; layer: string; code: string; spatialCode: string; label: string; year: number; bbox: [number, number, number, number] }
export interface MeasureResult { areaM2: number; areaMu: number; zoneEpsg: number; zone: string }
export interface UnitTotals { code: string; name: string; cultivatedArea: number; cultivatedCount: number; pbfArea: number; pbfCount: number }

export const api = {
  tileCatalog: () => getJson<TileCatalog>('/tiles/layers.json'),
  parcels: (code: string) => getJson<Parcel[]>(`/api/onemap/parcels/${encodeURIComponent(code)}`),
  search: (q: string) => getJson<SearchHit[]>(`/api/onemap/search?q=${encodeURIComponent(q)}&limit=10`),
  measure: (geometry: unknown) => postJson<MeasureResult>('/api/onemap/measure', geometry),
  unitTotals: (level: 'township' | 'village' | 'county', year: number) =>
    getJson<UnitTotals[]>(`/api/ledger/units?level=${level}&year=${year}`),
};
