import type { NextFunction, Request, Response } from 'express';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * The web gateway: the work pages are served by projections and call the other services through
 * it, `/gateway/{service}/api/v1/...` → `{service's url}/api/v1/...`, so the page stays on one
 * origin (no CORS, a strict Content-Security-Policy) and each service still checks the caller's
 * token itself. Bodies stream through untouched (photos included); nothing is parsed or kept here.
 */
export const GATEWAY_PREFIX = '/gateway/';

const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'authorization',
  'content-type',
  'content-length',
  'idempotency-key',
  'x-correlation-id',
];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'retry-after', 'x-correlation-id'];
const UPSTREAM_TIMEOUT_MS = 30_000;

const pick = (headers: IncomingHttpHeaders, names: string[]) =>
  Object.fromEntries(names.filter((n) => headers[n] !== undefined).map((n) => [n, headers[n] as string]));

function refuse(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) return void res.destroy();
  res.status(status).json({ code, message });
}

/** Express middleware for GATEWAY_PREFIX; upstreams: service name → base URL. */
export function webGateway(upstreams: Record<string, string>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith(GATEWAY_PREFIX)) return next();
    const [, , service, ...rest] = req.originalUrl.split('/');
    const base = upstreams[service ?? ''];
    if (!base) return refuse(res, 404, 'GATEWAY_UNKNOWN_SERVICE', `no service named ${service}`);
    // Checked after the URL is resolved, so "..", encoded or not, cannot step out of /api/v1/.
    const target = new URL(`/${rest.join('/')}`, base);
    if (!target.pathname.startsWith('/api/v1/'))
      return refuse(res, 404, 'GATEWAY_NOT_API', 'only /api/v1/ routes pass the gateway');

    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(target, {
      method: req.method,
      headers: { ...pick(req.headers, FORWARDED_REQUEST_HEADERS), 'x-forwarded-for': req.ip ?? '' },
      timeout: UPSTREAM_TIMEOUT_MS,
    });
    upstream.on('response', (answer) => {
      res.status(answer.statusCode ?? 502);
      for (const [name, value] of Object.entries(pick(answer.headers, FORWARDED_RESPONSE_HEADERS)))
        res.setHeader(name, value);
      answer.pipe(res);
    });
    upstream.on('timeout', () => upstream.destroy(new Error('timeout')));
    upstream.on('error', () =>
      refuse(res, 502, 'GATEWAY_UPSTREAM_UNAVAILABLE', `${service} did not answer; try again shortly`),
    );
    req.on('aborted', () => upstream.destroy());
    req.pipe(upstream);
  };
}
