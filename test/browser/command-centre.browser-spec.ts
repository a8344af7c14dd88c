import { waitFor } from '@cityloop/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bearer, reportBody, TestStack, tokenFor } from '../support/service-processes';

/**
 * The command-centre page in a real browser (Debian's chromium driven by playwright-core) over the
 * five services: live updates without a reload, user text shown as text, screenshots as artifacts
 * (.run/artifacts). How fast a change reached the page is measured and written out, not asserted.
 */
// Functions given to page.evaluate and waitForFunction run in the browser: these are the few
// things of its globals they use (a type only: the function's source is what travels).
interface InPage {
  document: {
    querySelector(
      selector: string,
    ): { textContent: string | null; getAttribute(name: string): string | null } | null;
  };
  unreloaded?: boolean;
  pwned?: number;
}

const ARTIFACTS = join(__dirname, '..', '..', '.run', 'artifacts');
const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium';

let stack: TestStack;
let browser: Browser;
let page: Page;
const measured: Record<string, number> = {};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  stack = await TestStack.create('browser', [
    'intake',
    'dispatch',
    'disposal',
    'verification',
    'projections',
  ]);
  await stack.start();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  await page.goto(`${stack.service('projections').url}/#token=${tokenFor('command')}`);
  await page.waitForSelector('#live[data-state="live"]', { timeout: 30_000 });
  await page.waitForFunction(
    () =>
      (globalThis as unknown as InPage).document.querySelector('#counters [data-key="open"] .counter-value')
        ?.textContent !== '—',
  );
}, 180_000);

afterAll(async () => {
  writeFileSync(join(ARTIFACTS, 'browser-latency.json'), `${JSON.stringify(measured, null, 2)}\n`);
  await browser?.close();
  await stack?.stop();
}, 60_000);

const counter = (key: string) =>
  page.$eval(`#counters [data-key="${key}"] .counter-value`, (el) =>
    Number((el.textContent ?? '').replace(/\D/g, '')),
  );

async function fileReport(n: number, extra: Record<string, unknown> = {}) {
  const created = await stack
    .service('intake')
    .post<{ caseId: string; gridCellCode: string }>(
      '/api/v1/reports',
      { ...reportBody(n), source: 'patrol', ...extra },
      bearer('patroller'),
    );
  expect(created.status).toBe(201);
  return created.body;
}

describe('the command centre in a browser', () => {
  it('shows a report filed elsewhere on the open page, without a reload: counter, board and map', async () => {
    await page.evaluate(() => ((globalThis as unknown as InPage).unreloaded = true));
    const before = await counter('reportedToday');
    const started = Date.now();
    const { caseId, gridCellCode } = await fileReport(71);

    await page.waitForFunction(
      ([expected]) =>
        Number(
          (
            (globalThis as unknown as InPage).document.querySelector(
              '#counters [data-key="reportedToday"] .counter-value',
            )?.textContent ?? ''
          ).replace(/\D/g, ''),
        ) >= expected,
      [before + 1],
      { timeout: 10_000 },
    );
    measured.counterMs = Date.now() - started;
    await page.waitForSelector(`#board [data-case-id="${caseId}"]`, { timeout: 10_000 });
    measured.boardMs = Date.now() - started;
    await page.waitForFunction(
      ([code]) => {
        const fill = (globalThis as unknown as InPage).document
          .querySelector(`#map path.cell[data-code="${code}"]`)
          ?.getAttribute('fill');
        return Boolean(fill) && fill !== '#0d1b2f';
      },
      [gridCellCode],
      { timeout: 10_000 },
    );
    measured.mapMs = Date.now() - started;
    expect(await page.evaluate(() => (globalThis as unknown as InPage).unreloaded)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'command-centre.png') });
  });

  it('takes an order off the board once its department has disposed of it', async () => {
    const { caseId } = await fileReport(72);
    await page.waitForSelector(`#board [data-case-id="${caseId}"]`, { timeout: 10_000 });
    const view = await waitFor(
      () =>
        stack
          .service('projections')
          .get<{ departmentId?: string }>(`/api/v1/cases/${caseId}`, bearer('command')),
      (r) => Boolean(r.body.departmentId),
      { what: 'the case dispatched' },
    );
    const department = bearer('department', view.body.departmentId);
    const orders = await waitFor(
      () =>
        stack
          .service('disposal')
          .get<{ items: { orderId: string }[] }>(`/api/v1/orders?caseId=${caseId}`, department),
      (r) => r.body.items.length > 0,
      { what: 'the order in the inbox' },
    );
    const { orderId } = orders.body.items[0];
    await stack.service('disposal').post(`/api/v1/orders/${orderId}/sign`, {}, department);
    await stack
      .service('disposal')
      .post(`/api/v1/orders/${orderId}/disposal`, { notes: '已清理' }, department);
    await page.waitForSelector(`#board [data-case-id="${caseId}"]`, { state: 'detached', timeout: 10_000 });
  });

  it('shows a description holding markup as text, never running it', async () => {
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>路边垃圾';
    const { caseId } = await fileReport(73, { description: hostile });
    const row = await page.waitForSelector(`#board [data-case-id="${caseId}"]`, { timeout: 10_000 });
    await row.click();
    await page.waitForFunction(
      (text) =>
        (globalThis as unknown as InPage).document.querySelector('#drawer')?.textContent?.includes(text) ??
        false,
      hostile,
      { timeout: 10_000 },
    );
    expect(await page.evaluate(() => (globalThis as unknown as InPage).pwned)).toBeUndefined();
    expect(await page.$$('#drawer img[src="x"], #drawer script')).toHaveLength(0);
    await page.screenshot({ path: join(ARTIFACTS, 'case-drawer.png') });
  });
});
