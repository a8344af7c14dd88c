import type { Role, ServiceName } from '@cityloop/contracts';
import {
  demoPackPath,
  DEVELOPMENT_JWT_SECRET,
  DistrictReference,
  Tokens,
  type Principal,
} from '@cityloop/service-kit';
import {
  createTestDatabase,
  deleteTopicsWithPrefix,
  kafkaBrokers,
  uniquePrefix,
  waitFor,
  type TestDatabase,
} from '@cityloop/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { join } from 'node:path';

/** The repository's root, from the sources (test/support) or the build (dist/test/support). */
const ROOT = ((dir: string): string => {
  while (!existsSync(join(dir, 'package.json'))) dir = join(dir, '..');
  return dir;
})(__dirname);
const LOG_DIR = join(ROOT, '.run', 'logs', 'e2e');

/** Ports handed out in this process: never twice, even once their probe has closed. */
const handedOut = new Set<number>();

/**
 * A port for a service to listen on, below Linux's ephemeral range (32768 and up): a port picked by
 * the kernel there can be taken, before the service binds it seconds later, by an outgoing
 * connection (a Kafka or Postgres client), or handed out again to the next service.
 */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (handedOut.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, () => server.close(() => resolve(true)));
    });
    if (!free) continue;
    handedOut.add(port);
    return port;
  }
}

export class ServiceProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  readonly url: string;
  /** Headers sent with every get/post (e.g. the caller's bearer token); per-call headers win. */
  private defaultHeaders: Record<string, string> = {};

  constructor(
    readonly service: ServiceName,
    readonly port: number,
    private readonly env: Record<string, string>,
    readonly logFile: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts the process (with extra environment, e.g. an armed fault point) and waits for /health 200. */
  async start(extraEnv: Record<string, string> = {}): Promise<void> {
    const main = join(ROOT, 'dist', 'apps', this.service, 'src', 'main.js');
    if (!existsSync(main))
      throw new Error(`${main} is missing: run the tests through \`npm test\`, which builds first`);
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, ...this.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await waitFor(
      () => this.health(),
      (status) => status === 200 || !this.running,
      {
        timeoutMs: 60_000,
        what: `${this.service} healthy`,
      },
    );
    if (!this.running) throw new Error(`${this.service} exited while starting; see ${this.logFile}`);
  }

  /** The process id of the running process (a restart gives a new one). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves when the process has ended (by itself, e.g. at an armed fault point, or killed). */
  async whenExited(): Promise<void> {
    await this.exited;
  }

  /** Sends `signal`; a process that has not ended 15 s after a SIGTERM is killed. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return this.exited;
    const child = this.child!;
    child.kill(signal);
    const escalate = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(escalate);
  }

  /** Another instance of this service: the same environment (database, topics, groups) on `port`. */
  sibling(port: number): ServiceProcess {
    return new ServiceProcess(
      this.service,
      port,
      { ...this.env, [`${this.service.toUpperCase()}_PORT`]: String(port) },
      this.logFile.replace(/\.log$/, `-${port}.log`),
    );
  }

  /** The status of this service's /health; a 200 from another service on the port is not one. */
  async health(): Promise<number> {
    const response = await fetch(`${this.url}/health`).catch(() => null);
    if (response?.status !== 200) return response?.status ?? 0;
    const body = (await response.json().catch(() => ({}))) as { service?: string };
    return body.service === this.service ? 200 : 0;
  }

  /** Calls from now on carry these headers (typically `bearer(role)`). */
  actAs(headers: Record<string, string>): this {
    this.defaultHeaders = headers;
    return this;
  }

  async get<T = unknown>(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}${path}`, { headers: { ...this.defaultHeaders, ...headers } });
    return { status: response.status, body: (await response.json()) as T };
  }

  async post<T = unknown>(
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.defaultHeaders, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** A counter's value from GET /metrics (0 when absent). */
  async metric(name: string): Promise<number> {
    const text = await (await fetch(`${this.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    return line ? Number(line.split(' ').pop()) : 0;
  }
}

/**
 * A private Cityloop for one test file: its own database and its own topic prefix on the shared
 * broker, free ports, services as processes. stop() ends every process and drops the database.
 */
export class TestStack {
  readonly services = new Map<ServiceName, ServiceProcess>();
  private readonly siblings: ServiceProcess[] = [];

  private constructor(
    readonly db: TestDatabase,
    readonly topicPrefix: string,
  ) {}

  /**
   * `extraEnv` is added to every service's environment. Duplicate detection is off unless a test turns
   * it on: most tests file many reports of one category close together and want a case for each.
   * The database is made on DATABASE_URL's server, or on `databaseServer` (a URL) when given, unless
   * `existingDatabase` names one.
   */
  static async create(
    label: string,
    services: ServiceName[],
    extraEnv: Record<string, string> = {},
    { databaseServer, existingDatabase }: { databaseServer?: string; existingDatabase?: string } = {},
  ): Promise<TestStack> {
    mkdirSync(LOG_DIR, { recursive: true });
    // An existing database (a URL) is used as it is, and kept when the stack stops.
    const db = existingDatabase
      ? { url: existingDatabase, name: new URL(existingDatabase).pathname.slice(1), drop: async () => {} }
      : await createTestDatabase(label, databaseServer);
    const stack = new TestStack(db, uniquePrefix(label));
    const ports = new Map<ServiceName, number>();
    for (const service of services) ports.set(service, await freePort());
    // Every service learns where the others answer (the web gateway of projections calls them).
    const peers = Object.fromEntries(
      [...ports].map(([peer, port]) => [`${peer.toUpperCase()}_URL`, `http://127.0.0.1:${port}`]),
    );
    for (const [service, port] of ports) {
      const env = {
        ...peers,
        DATABASE_URL: stack.db.url,
        KAFKA_BROKERS: kafkaBrokers().join(','),
        KAFKA_TOPIC_PREFIX: stack.topicPrefix,
        KAFKA_PARTITIONS: '6',
        [`${service.toUpperCase()}_PORT`]: String(port),
        DB_POOL_SIZE: '4',
        // TEST_LOG_LEVEL=info shows the services' own story (kafkajs, relays, consumers) in .run/logs/e2e.
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        NODE_ENV: 'test',
        DUPLICATE_RADIUS_METRES: '0',
        // Tests poll and file under a handful of shared identities: the limits get a test of their own.
        RATE_LIMIT_PER_MINUTE: '1000000',
        ...extraEnv,
      };
      stack.services.set(
        service,
        new ServiceProcess(service, port, env, join(LOG_DIR, `${stack.topicPrefix}${service}.log`)),
      );
    }
    return stack;
  }

  /** Starts a second instance of `name` beside the first, in the same consumer groups; stop() ends it too. */
  async startSecondInstance(name: ServiceName): Promise<ServiceProcess> {
    const second = this.service(name).sibling(await freePort());
    this.siblings.push(second);
    await second.start();
    return second;
  }

  service(name: ServiceName): ServiceProcess {
    const found = this.services.get(name);
    if (!found) throw new Error(`${name} is not part of this stack`);
    return found;
  }

  /** Starts every service, sequentially: each creates the topics and its schema on first start. */
  async start(): Promise<void> {
    for (const service of this.services.values()) await service.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.services.values(), ...this.siblings].map((s) => s.kill('SIGTERM')));
    await this.db.drop();
    await deleteTopicsWithPrefix(this.topicPrefix);
  }

  topic(service: 'intake' | 'dispatch' | 'disposal' | 'verification'): string {
    return `${this.topicPrefix}cityloop.${service}.events`;
  }
}

let demo: DistrictReference | undefined;
/** The demo district the services load by default. */
export const demoDistrict = (): DistrictReference => (demo ??= DistrictReference.load(demoPackPath()));

/** The demo district's category named `name` (e.g. 暴露垃圾). */
export function categoryNamed(name: string) {
  const found = demoDistrict().pack.categories.find((c) => c.name === name);
  if (!found) throw new Error(`no category ${name} in the demo district`);
  return found;
}

/** A point inside the demo district: the centre of its n-th cell (cells taken in a scattered order). */
export function pointInDistrict(n: number): { lat: number; lng: number } {
  const cells = demoDistrict().pack.cells;
  const [lng, lat] = cells[(n * 7919) % cells.length].centroid;
  return { lat, lng };
}

/** A report body as a 12345 operator would file it (暴露垃圾); `n` varies the place and the text. */
export const reportBody = (n = 0) => ({
  source: 'hotline',
  categoryCode: categoryNamed('暴露垃圾').code,
  location: pointInDistrict(n),
  description: `暴露垃圾 #${n}`,
  reporter: { name: '市民', phone: '13800138000' },
});

/** Rows of a table in the stack's database (the oracle reads the stores directly). */
export async function countRows(stack: TestStack, table: string, where = 'true'): Promise<number> {
  const client = new Client({ connectionString: stack.db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/** Who a test token names, if not `test-<role>[-<scope>]`, and how long it lives (default a week). */
export interface TokenOptions {
  id?: string;
  expiresInSeconds?: number;
}

/** An Authorization header for a development token of `role` (the services' default secret). */
export function bearer(role: Role, scope?: string, options: TokenOptions = {}): Record<string, string> {
  return { authorization: `Bearer ${tokenFor(role, scope, options)}` };
}

/** A development token for a role (department: its id; patroller: a cell code prefix). */
export function tokenFor(role: Role, scope?: string, options: TokenOptions = {}): string {
  const principal: Principal = {
    id: options.id ?? `test-${role}${scope ? `-${scope}` : ''}`,
    role,
    ...(role === 'department' && { departmentId: scope }),
    ...(role === 'patroller' && { cellPrefix: scope ?? '' }),
  };
  return new Tokens(DEVELOPMENT_JWT_SECRET).sign(principal, options.expiresInSeconds);
}
