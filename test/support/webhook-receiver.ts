import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** A notice as a department's endpoint received it, with how often its delivery id came. */
export interface ReceivedNotice {
  path: string;
  deliveryId: string;
  type: string;
  orderId: string;
  caseId: string;
  payload: Record<string, unknown> & { data: Record<string, unknown> };
  /** How many signed POSTs carried this delivery id (more than 1: a repeat, deduped here). */
  posts: number;
  attempts: string[];
}

/**
 * A department's system as docs/WEBHOOKS.md tells it to be written: on 127.0.0.1, it checks each
 * POST's Cityloop-Signature (HMAC-SHA256 of "<t>.<raw body>" with its endpoint's secret, t within
 * 5 minutes) and refuses a bad one with 400; it counts notices by delivery id, so a repeated
 * delivery is seen as one. Written from the document, not from Cityloop's code: it is the oracle.
 */
export class WebhookReceiver {
  readonly notices = new Map<string, ReceivedNotice>();
  /** POSTs refused for a bad or missing signature or a stale timestamp. */
  rejected = 0;
  private readonly secrets = new Map<string, string>();
  private server: Server | null = null;
  /** While true, requests are taken in and never answered (a system stuck, not down). */
  private hanging = false;
  port = 0;

  /** From now on, take requests in and never answer them: each attempt runs into its timeout. */
  hang(): void {
    this.hanging = true;
  }

  /** Answer again. */
  resume(): void {
    this.hanging = false;
  }

  /** The endpoint secret for a path (as the POST /webhooks answer gave it). */
  trust(path: string, secret: string): void {
    this.secrets.set(path, secret);
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Listens (on a free port the first time, then on the same port again). */
  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.hanging) return;
        const status = this.receive(req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'));
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** An outage: stops listening and drops the open (keep-alive) connections. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  of(type: string, orderId: string, path = '/cityloop'): ReceivedNotice[] {
    return [...this.notices.values()].filter(
      (n) => n.type === type && n.orderId === orderId && n.path === path,
    );
  }

  private receive(path: string, headers: IncomingHttpHeaders, rawBody: string): number {
    const secret = this.secrets.get(path);
    const signature = headers['cityloop-signature'];
    if (!secret || typeof signature !== 'string' || !verifyCityloopSignature(secret, signature, rawBody)) {
      this.rejected++;
      return 400;
    }
    const payload = JSON.parse(rawBody) as ReceivedNotice['payload'];
    const deliveryId = String(payload.id);
    if (headers['cityloop-delivery'] !== deliveryId || headers['cityloop-event'] !== payload.type) {
      this.rejected++;
      return 400;
    }
    const seen = this.notices.get(deliveryId);
    if (seen) {
      seen.posts++;
      seen.attempts.push(String(headers['cityloop-attempt']));
      return 200; // a repeat: acknowledged, not processed again
    }
    this.notices.set(deliveryId, {
      path,
      deliveryId,
      type: String(payload.type),
      orderId: String(payload.orderId),
      caseId: String(payload.caseId),
      payload,
      posts: 1,
      attempts: [String(headers['cityloop-attempt'])],
    });
    return 204;
  }
}

/** The check of docs/WEBHOOKS.md, as a department would copy it. */
export function verifyCityloopSignature(
  secret: string,
  header: string,
  rawBody: string,
  nowSeconds = Date.now() / 1000,
): boolean {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=', 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  return header
    .split(',')
    .filter((kv) => kv.startsWith('v1='))
    .some((kv) => {
      const given = Buffer.from(kv.slice(3), 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

/** A signature header made by hand (for the receiver's own check of forged and stale requests). */
export function signByHand(secret: string, t: number, rawBody: string): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex')}`;
}
