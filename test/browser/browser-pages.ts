import type { Role } from '@cityloop/contracts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { tokenFor, type TestStack } from '../support/service-processes';

/**
 * The pages in a real browser: Debian's chromium driven by playwright-core, each signed-in person
 * in a context of their own (their own storage, as on their own machine), screenshots kept as
 * artifacts in .run/artifacts.
 */
export const ARTIFACTS = join(__dirname, '..', '..', '.run', 'artifacts');
const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium';

// Functions given to page.evaluate and waitForFunction run in the browser: these are the few
// things of its globals they use (a type only: the function's source is what travels).
export interface InPage {
  document: {
    querySelector(
      selector: string,
    ): { textContent: string | null; getAttribute(name: string): string | null } | null;
    querySelectorAll(selector: string): { length: number };
  };
  unreloaded?: boolean;
  pwned?: number;
}

export class Browsers {
  private constructor(
    private readonly browser: Browser,
    private readonly stack: TestStack,
  ) {}

  static async launch(stack: TestStack): Promise<Browsers> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    return new Browsers(browser, stack);
  }

  /** A page of the given path (/ or /desk.html#view=…), signed in as role. */
  async open(path: string, role: Role, scope?: string): Promise<Page> {
    const context = await this.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    const [route, hash = ''] = path.split('#');
    const token = `token=${tokenFor(role, scope)}`;
    await page.goto(`${this.stack.service('projections').url}${route}#${hash ? `${hash}&` : ''}${token}`);
    return page;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });

/** The number a counter of the command centre shows. */
export const counter = (page: Page, key: string) =>
  page.$eval(`#counters [data-key="${key}"] .counter-value`, (el) =>
    Number((el.textContent ?? '').replace(/\D/g, '')),
  );
