import type { Role } from '@cityloop/contracts';
import { DEVELOPMENT_JWT_SECRET, Tokens } from '@cityloop/service-kit';

export type ServiceName = 'intake' | 'dispatch' | 'disposal' | 'verification';

export type ServiceUrls = Record<ServiceName, string>;

/** The services' base URLs: INTAKE_URL, DISPATCH_URL, DISPOSAL_URL, VERIFICATION_URL, else the local ports. */
export function serviceUrlsFrom(env: NodeJS.ProcessEnv): ServiceUrls {
  return {
    intake: env.INTAKE_URL || 'http://127.0.0.1:3001',
    dispatch: env.DISPATCH_URL || 'http://127.0.0.1:3002',
    disposal: env.DISPOSAL_URL || 'http://127.0.0.1:3003',
    verification: env.VERIFICATION_URL || 'http://127.0.0.1:3004',
  };
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

/** A refusal the simulator did not expect: the call, the status and the service's error body. */
export class ServiceCallError extends Error {
  constructor(
    readonly call: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${call}: ${status} ${JSON.stringify(body)}`);
  }

  get code(): string | undefined {
    return (this.body as { code?: string } | null)?.code;
  }
}

export interface CallOptions {
  body?: unknown;
  /** Who calls: the importer (default) for every step, the dispatcher to read its queues. */
  as?: 'importer' | 'dispatcher';
  idempotencyKey?: string;
  /** Retry a 409 a few times (default); off where the caller polls on the 409 itself. */
  retryConflicts?: boolean;
}

const TRANSIENT_ATTEMPTS = 6;
const CONFLICT_ATTEMPTS = 4;
const REQUEST_TIMEOUT_MS = 30_000;

const parseBody = (text: string): unknown => {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 500) };
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `attempt` gives a value: quickly at first, then every half second, up to timeoutMs
 * (counted from the call, a first look put off by firstLookAfterMs included); for effects that
 * reach another service over Kafka (an order in the inbox, a check opened).
 */
export async function pollUntil<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  timeoutMs: number,
  firstLookAfterMs = 0,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  if (firstLookAfterMs > 0) await sleep(Math.min(firstLookAfterMs, timeoutMs));
  for (let delay = 20; ; delay = Math.min(500, delay * 2)) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(delay);
  }
}

/**
 * The simulator's HTTP client for the four services, as a trusted importing system: it mints its
 * own tokens the way `npm run token` does (JWT_SECRET, else the development secret), counts every
 * request, and retries what is worth retrying: network errors, 5xx and 429 (after Retry-After) a
 * few times, 409 conflicts (a racing writer, an event not yet arrived) fewer times.
 */
export class ServicesClient {
  /** Every HTTP request sent, retries and polls included. */
  requests = 0;
  retries = 0;
  private readonly tokens: Record<'importer' | 'dispatcher', string>;

  constructor(
    readonly urls: ServiceUrls,
    jwtSecret: string | undefined,
  ) {
    const sign = (role: Role) =>
      new Tokens(jwtSecret || DEVELOPMENT_JWT_SECRET).sign({ id: `simulator-${role}`, role });
    this.tokens = { importer: sign('importer'), dispatcher: sign('dispatcher') };
  }

  /** GET /health of every service; throws naming those that do not answer 200. */
  async checkHealth(): Promise<void> {
    const down: string[] = [];
    for (const [service, url] of Object.entries(this.urls)) {
      const status = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) })
        .then((r) => r.status)
        .catch(() => 0);
      if (status !== 200) down.push(`${service} (${url}: ${status || 'no answer'})`);
    }
    if (down.length > 0) {
      throw new Error(`services not healthy: ${down.join(', ')}; start them with npm run stack:up`);
    }
  }

  /** A call whose answer the caller inspects (any status after the retries). */
  async send<T = unknown>(
    service: ServiceName,
    method: 'GET' | 'POST',
    path: string,
    options: CallOptions = {},
  ): Promise<Answer<T>> {
    for (let attempt = 1; ; attempt++) {
      const answer = await this.once<T>(service, method, path, options);
      const retryAfterMs = this.retryDelay(answer, attempt, options.retryConflicts ?? true);
      if (retryAfterMs === null) return answer;
      this.retries++;
      await sleep(retryAfterMs);
    }
  }

  /** A call that must succeed (2xx); anything else is a ServiceCallError. */
  async expect<T = unknown>(
    service: ServiceName,
    method: 'GET' | 'POST',
    path: string,
    options: CallOptions = {},
  ): Promise<T> {
    const answer = await this.send<T>(service, method, path, options);
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    throw new ServiceCallError(`${method} ${service} ${path}`, answer.status, answer.body);
  }

  private retryDelay(
    answer: Answer & { retryAfter?: number },
    attempt: number,
    retryConflicts: boolean,
  ): number | null {
    const backoff = Math.min(2000, 100 * 2 ** (attempt - 1));
    if (answer.status === 0 || answer.status >= 500 || answer.status === 429) {
      if (attempt >= TRANSIENT_ATTEMPTS) return null;
      return answer.status === 429 && answer.retryAfter ? answer.retryAfter * 1000 : backoff;
    }
    if (answer.status === 409 && retryConflicts && attempt < CONFLICT_ATTEMPTS) return backoff;
    return null;
  }

  private async once<T>(
    service: ServiceName,
    method: 'GET' | 'POST',
    path: string,
    options: CallOptions,
  ): Promise<Answer<T> & { retryAfter?: number }> {
    this.requests++;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.tokens[options.as ?? 'importer']}`,
    };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    try {
      const response = await fetch(`${this.urls[service]}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      const retryAfter = Number(response.headers.get('retry-after')) || undefined;
      return { status: response.status, body: parseBody(text) as T, retryAfter };
    } catch (error) {
      // Refused, reset or timed out: status 0, retried like a 5xx.
      return { status: 0, body: { code: 'NETWORK', message: (error as Error).message } as T };
    }
  }
}
