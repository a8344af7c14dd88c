import { waitFor } from '@cityloop/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { bearer, categoryNamed, pointInDistrict, reportBody, TestStack } from '../support/service-processes';
import { ARTIFACTS, Browsers, counter, screenshot, type InPage } from './browser-pages';

/**
 * The command centre and the work desk in a real browser over the five services: what people do
 * on their pages (the operator files, the chief files the case, the department signs and reports,
 * the patroller verifies) shows on an already open command centre without a reload. How fast a
 * change reached the centre is measured and written out (.run/artifacts/browser-latency.json), not
 * asserted; every page is screenshotted.
 */
let stack: TestStack;
let browsers: Browsers;
let centre: Page;
const measured: Record<string, number> = {};
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  stack = await TestStack.create('browser', [
    'intake',
    'dispatch',
    'disposal',
    'verification',
    'projections',
  ]);
  await stack.start();
  browsers = await Browsers.launch(stack);
  centre = await browsers.open('/', 'command');
  await centre.waitForSelector('#live[data-state="live"]', { timeout: 30_000 });
  await centre.waitForFunction(
    () =>
      (globalThis as unknown as InPage).document.querySelector('#counters [data-key="open"] .counter-value')
        ?.textContent !== '—',
  );
  await centre.evaluate(() => ((globalThis as unknown as InPage).unreloaded = true));
}, 180_000);

afterAll(async () => {
  writeFileSync(join(ARTIFACTS, 'browser-latency.json'), `${JSON.stringify(measured, null, 2)}\n`);
  await browsers?.close();
  await stack?.stop();
}, 60_000);

/** The board row of a case on the command centre, or null. */
const boardRow = (caseId: string) =>
  centre
    .$eval(`#board [data-case-id="${caseId}"]`, (el) => ({
      light: el.getAttribute('data-light'),
      status: el.getAttribute('data-status'),
    }))
    .catch(() => null);

/** How many orders of a light the board's filter counts. */
const boardLights = (light: string) => centre.$$eval(`#board [data-light="${light}"]`, (rows) => rows.length);

/** A report filed through the API (the importer may give a business time in the past). */
async function reportThroughApi(
  n: number,
  extra: Record<string, unknown> = {},
  role: 'patroller' | 'importer' = 'patroller',
) {
  const created = await stack
    .service('intake')
    .post<{ caseId: string; gridCellCode: string }>(
      '/api/v1/reports',
      { ...reportBody(n), source: 'patrol', ...extra },
      bearer(role),
    );
  expect(created.status).toBe(201);
  return created.body;
}

async function departmentOf(caseId: string): Promise<string> {
  const view = await waitFor(
    () =>
      stack
        .service('projections')
        .get<{ departmentId?: string }>(`/api/v1/cases/${caseId}`, bearer('command')),
    (r) => Boolean(r.body.departmentId),
    { what: 'the case dispatched' },
  );
  return view.body.departmentId!;
}

describe('the pages in a browser', () => {
  it('shows a report the operator files on the desk on the open command centre without a reload, and the chief’s filing on its board', async () => {
    const operator = await browsers.open('/desk.html#view=operator', 'operator');
    await operator.waitForSelector('#report-form');
    const category = categoryNamed('暴露垃圾');
    const place = pointInDistrict(81);
    await operator.selectOption('select[name=categoryCode]', category.code);
    // The coordinates typed (the map click is the other way in): the cell is named at once.
    await operator.fill('input[name=lng]', String(place.lng));
    await operator.fill('input[name=lat]', String(place.lat));
    await operator.waitForFunction(
      () =>
        ((globalThis as unknown as InPage).document.querySelector('#picked-cell')?.textContent ?? '').length >
        0,
    );
    await operator.fill('textarea[name=description]', '路口暴露垃圾，气味较大');
    await operator.fill('input[name=reporterPhone]', '13800138000');
    const before = await counter(centre, 'reportedToday');

    const filedAt = Date.now();
    await operator.click('#file-report');
    const recent = await operator.waitForSelector('#recent-reports li[data-case-id]', { timeout: 10_000 });
    const caseId = (await recent.getAttribute('data-case-id'))!;
    await screenshot(operator, 'desk-operator');

    await centre.waitForFunction(
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
    measured.operatorToCounterMs = Date.now() - filedAt;
    // The tables, asked accepting a minute's age, catch up with the page's clock: both of them
    // (the label shows the earlier), to the instant.
    await waitFor(
      () =>
        centre.evaluate(() => {
          const page = (globalThis as unknown as InPage).document;
          return [
            page.querySelector('#as-of')?.getAttribute('data-as-of'),
            page.querySelector('#tables-as-of')?.getAttribute('data-as-of'),
          ];
        }),
      ([clock, tables]) => Boolean(clock) && tables === clock,
      { what: 'the tables as of the clock the page shows', timeoutMs: 30_000 },
    );
    const cell = (
      await stack
        .service('projections')
        .get<{ gridCellCode: string }>(`/api/v1/cases/${caseId}`, bearer('command'))
    ).body.gridCellCode;
    await centre.waitForFunction(
      ([code]) => {
        const fill = (globalThis as unknown as InPage).document
          .querySelector(`#map path.cell[data-code="${code}"]`)
          ?.getAttribute('fill');
        return Boolean(fill) && fill !== '#0d1b2f';
      },
      [cell],
      { timeout: 10_000 },
    );
    measured.operatorToMapMs = Date.now() - filedAt;

    // A hotline report waits for the chief; filed on the chief's page, it is dispatched and boarded.
    const chief = await browsers.open('/desk.html#view=chief', 'chief');
    const queued = await chief.waitForSelector(`#filing-queue li.work-item[data-case-id="${caseId}"]`, {
      timeout: 20_000,
    });
    await screenshot(chief, 'desk-chief');
    const fileClickedAt = Date.now();
    await (await queued.$('[data-action=file]'))!.click();
    await centre.waitForSelector(`#board [data-case-id="${caseId}"]`, { timeout: 10_000 });
    measured.chiefToBoardMs = Date.now() - fileClickedAt;
    await chief.waitForSelector(`#filing-queue li.work-item[data-case-id="${caseId}"]`, {
      state: 'detached',
    });

    expect(await centre.evaluate(() => (globalThis as unknown as InPage).unreloaded)).toBe(true);
    await screenshot(centre, 'command-centre');
    await Promise.all([operator.context().close(), chief.context().close()]);
  });

  it('lets a department sign and report the disposal of an overdue order with a photo on its page; the board’s red light goes out', async () => {
    // Reported ten days ago (the importer's business time): dispatched then, overdue now.
    const { caseId } = await reportThroughApi(
      82,
      { occurredAt: new Date(Date.now() - 10 * 86_400_000).toISOString() },
      'importer',
    );
    const departmentId = await departmentOf(caseId);
    await centre.waitForSelector(`#board [data-case-id="${caseId}"][data-light="red"]`, { timeout: 10_000 });
    const redBefore = await boardLights('red');

    const department = await browsers.open('/desk.html#view=department', 'department', departmentId);
    const order = `li.work-item[data-case-id="${caseId}"]`;
    await department.waitForSelector(`${order}[data-light="red"][data-status="dispatched"]`, {
      timeout: 20_000,
    });
    await department.click(`${order} [data-action=sign]`);
    await department.waitForSelector(`${order}[data-status="signed"]`, { timeout: 10_000 });
    await centre.waitForFunction(
      ([id]) =>
        (globalThis as unknown as InPage).document
          .querySelector(`#board [data-case-id="${id}"]`)
          ?.getAttribute('data-status') === 'signed',
      [caseId],
      { timeout: 10_000 },
    );

    await department.click(`${order} [data-action=dispose]`);
    const form = `${order} .inline-form[data-form=dispose]`;
    await department.fill(`${form} textarea[name=notes]`, '已清运，现场恢复整洁');
    await department.setInputFiles(`${form} input.photo-input`, {
      name: 'after.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await screenshot(department, 'desk-department');
    const disposedAt = Date.now();
    await department.click(`${form} [data-action=confirm]`);
    await centre.waitForSelector(`#board [data-case-id="${caseId}"]`, { state: 'detached', timeout: 10_000 });
    measured.disposalToBoardMs = Date.now() - disposedAt;
    expect(await boardRow(caseId)).toBeNull();
    expect(await boardLights('red')).toBe(redBefore - 1);
    await department.waitForSelector(
      `[data-list=done] li.work-item[data-case-id="${caseId}"][data-status="disposed"]`,
      {
        timeout: 10_000,
      },
    );

    // The patroller sees what was reported, photo included, and passes it on site: the case closes.
    const closedBefore = await counter(centre, 'closedToday');
    const patroller = await browsers.open('/desk.html#view=patroller', 'patroller');
    const check = `li.work-item[data-case-id="${caseId}"]`;
    await patroller.waitForSelector(`${check} [data-role=disposal-report] img`, { timeout: 20_000 });
    expect(await patroller.textContent(check)).toContain('已清运，现场恢复整洁');
    await patroller.click(`${check} [data-action=pass]`);
    await screenshot(patroller, 'desk-patroller');
    await patroller.click(`${check} .inline-form [data-action=confirm]`);
    await patroller.waitForSelector(check, { state: 'detached', timeout: 10_000 });
    await centre.waitForFunction(
      ([expected]) =>
        Number(
          (
            (globalThis as unknown as InPage).document.querySelector(
              '#counters [data-key="closedToday"] .counter-value',
            )?.textContent ?? ''
          ).replace(/\D/g, ''),
        ) >= expected,
      [closedBefore + 1],
      { timeout: 10_000 },
    );
    await Promise.all([department.context().close(), patroller.context().close()]);
  });

  it('shows a description holding markup as text on the centre and on the desk, never running it', async () => {
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>路边垃圾';
    const { caseId } = await reportThroughApi(83, { description: hostile });
    const row = await centre.waitForSelector(`#board [data-case-id="${caseId}"]`, { timeout: 10_000 });
    await row.click();
    await centre.waitForFunction(
      (text) =>
        (globalThis as unknown as InPage).document.querySelector('#drawer')?.textContent?.includes(text) ??
        false,
      hostile,
      { timeout: 10_000 },
    );
    expect(await centre.evaluate(() => (globalThis as unknown as InPage).pwned)).toBeUndefined();
    expect(await centre.$$('#drawer img[src="x"], #drawer script')).toHaveLength(0);
    await screenshot(centre, 'case-drawer');
    await centre.keyboard.press('Escape');

    const department = await browsers.open(
      '/desk.html#view=department',
      'department',
      await departmentOf(caseId),
    );
    const item = await department.waitForSelector(
      `li.work-item[data-case-id="${caseId}"] [data-role=brief]`,
      {
        timeout: 20_000,
      },
    );
    expect(await item.textContent()).toContain(hostile);
    expect(await department.evaluate(() => (globalThis as unknown as InPage).pwned)).toBeUndefined();
    expect(await department.$$('#desk img[src="x"], #desk script')).toHaveLength(0);
    await department.context().close();
  });

  it('gives each role its own desk and screenshots every page: dispatcher, case search, and the gate for a role without one', async () => {
    // A department returns an order: the dispatcher sees the return to decide.
    const { caseId, gridCellCode } = await reportThroughApi(84);
    const departmentId = await departmentOf(caseId);
    const orders = await waitFor(
      () =>
        stack
          .service('disposal')
          .get<{ items: { orderId: string }[] }>(
            `/api/v1/orders?caseId=${caseId}`,
            bearer('department', departmentId),
          ),
      (r) => r.body.items.length > 0,
      { what: 'the order in the inbox' },
    );
    const returned = await stack
      .service('disposal')
      .post(
        `/api/v1/orders/${orders.body.items[0].orderId}/return`,
        { reason: 'not-our-duty', note: '应由绿化部门处理' },
        bearer('department', departmentId),
      );
    expect(returned.status).toBe(200);

    const dispatcher = await browsers.open('/desk.html#view=dispatcher', 'dispatcher');
    await dispatcher.waitForSelector(`#returns li.work-item[data-case-id="${caseId}"]`, { timeout: 20_000 });
    const tabs = await dispatcher.$$eval('#desk-tabs [data-view]', (links) =>
      links.map((a) => a.getAttribute('data-view')),
    );
    expect(tabs).toEqual(['dispatcher', 'search']);
    await screenshot(dispatcher, 'desk-dispatcher');

    await dispatcher.click('#desk-tabs [data-view=search]');
    await dispatcher.fill('#search-form input[name=cell]', gridCellCode);
    await dispatcher.click('#search-form [type=submit]');
    await dispatcher.waitForSelector(
      `#search-results[data-query*="cell=${gridCellCode}"] tr[data-case-id="${caseId}"]`,
      { timeout: 10_000 },
    );
    await dispatcher.click(`#search-results tr[data-case-id="${caseId}"]`);
    await dispatcher.waitForSelector('#drawer.open .timeline', {
      timeout: 10_000,
    });
    await screenshot(dispatcher, 'desk-search');

    // The operator has no dispatcher's view, even when asked for by address.
    const operator = await browsers.open('/desk.html#view=dispatcher', 'operator');
    await operator.waitForSelector('#report-form');
    expect(await operator.$('#returns')).toBeNull();
    // And the command centre sends a department to its desk.
    const gate = await browsers.open('/', 'department', departmentId);
    await gate.waitForSelector('#gate-desk:not([hidden])');
    await screenshot(gate, 'command-centre-gate');
    await Promise.all([dispatcher.context().close(), operator.context().close(), gate.context().close()]);
  });
});
