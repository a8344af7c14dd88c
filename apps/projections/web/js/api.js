// Calls to the API (same origin: projections itself, and the other services through its web
// gateway at /gateway/{service}/api/v1/...): the bearer token, JSON, and errors as ApiError.

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status; // 0: the server could not be reached
    this.code = code;
    this.details = details;
  }
}

let tokenOf = () => null;
let onUnauthorized = () => {};

/** token: () => the current bearer token or null; unauthorized: called on a 401 of an authenticated call. */
export function configureApi({ token, unauthorized }) {
  tokenOf = token;
  onUnauthorized = unauthorized;
}

export function url(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {}))
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request(
  path,
  params,
  { auth = true, timeoutMs = 20000, method = 'GET', body, headers: extra } = {},
) {
  const headers = { Accept: 'application/json', ...extra };
  const token = auth ? tokenOf() : null;
  if (token) headers.Authorization = `Bearer ${token}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response;
  try {
    response = await fetch(url(path, params), {
      method,
      headers,
      body,
      signal: controller.signal,
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', error?.message ?? 'network error');
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    let answer = null;
    try {
      answer = await response.json();
    } catch {
      // not JSON: keep the status
    }
    if (response.status === 401 && token) onUnauthorized();
    throw new ApiError(
      response.status,
      answer?.code ?? `HTTP_${response.status}`,
      answer?.message ?? response.statusText,
      answer?.details,
    );
  }
  return response;
}

/** GET a JSON body. */
export async function get(path, params, options) {
  const response = await request(path, params, options);
  return response.json();
}

/** GET a public JSON body (no token sent). */
export const getPublic = (path, params) => get(path, params, { auth: false });

/** Download a file the API makes (CSV): fetched with the token, saved under filename. */
export async function download(path, params, filename) {
  const response = await request(path, params, { timeoutMs: 60000 });
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/** The path of another service's route through the web gateway: via('intake', '/reports'). */
export const via = (service, path) => `/gateway/${service}/api/v1${path}`;

/**
 * POST a JSON body (a command); the answer's JSON, or null when it has none. idempotencyKey makes
 * a retried submission (a double click, a lost answer) count once where the route supports it.
 */
export async function post(path, body = {}, { idempotencyKey } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const response = await request(path, null, { method: 'POST', body: JSON.stringify(body), headers });
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Upload a photo as multipart/form-data (field "photo"): {evidenceId, ...}. */
export async function upload(path, file) {
  const form = new FormData();
  form.append('photo', file, file.name);
  const response = await request(path, null, { method: 'POST', body: form, timeoutMs: 120000 });
  return response.json();
}

/** GET a file the API keeps (an evidence photo) as an object URL, for an <img> (which cannot send a token). */
export async function objectUrl(path) {
  const response = await request(path, null, { timeoutMs: 60000 });
  return URL.createObjectURL(await response.blob());
}
