// Calls to the projections API (same origin): the bearer token, JSON, and errors as ApiError.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status; // 0: the server could not be reached
    this.code = code;
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

async function request(path, params, { auth = true, timeoutMs = 20000 } = {}) {
  const headers = { Accept: 'application/json' };
  const token = auth ? tokenOf() : null;
  if (token) headers.Authorization = `Bearer ${token}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response;
  try {
    response = await fetch(url(path, params), { headers, signal: controller.signal, cache: 'no-store' });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', error?.message ?? 'network error');
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    let body = null;
    try {
      body = await response.json();
    } catch {
      // not JSON: keep the status
    }
    if (response.status === 401 && token) onUnauthorized();
    throw new ApiError(
      response.status,
      body?.code ?? `HTTP_${response.status}`,
      body?.message ?? response.statusText,
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
