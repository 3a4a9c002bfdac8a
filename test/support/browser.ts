// Launches Debian's chromium through playwright-core for browser tests: fresh profile, nothing phoning home.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a headless run in a container: no sandbox (root), no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const ARTIFACTS_DIR = resolve('test-artifacts');

const isCI = () => process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/** Undefined when chromium can be run, else the reason it cannot. */
export function chromiumMissing(): string | undefined {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return undefined;
  } catch {
    return (
      `chromium not found at ${CHROMIUM_PATH}: install it with ` +
      '`apt-get install -y --no-install-recommends chromium` (or set CHROMIUM_PATH)'
    );
  }
}

/**
 * A describe block that needs chromium. Without it, CI (`CI` set, not `false`) fails with the reason: a
 * silently skipped browser suite would read as green. A developer machine skips it and prints why.
 */
export function describeBrowser(name: string, body: () => void): void {
  const missing = chromiumMissing();
  if (missing === undefined) {
    describe(name, body);
  } else if (isCI()) {
    describe(name, () => {
      it('has chromium to run on', () => {
        throw new Error(missing);
      });
    });
  } else {
    console.warn(`skipping "${name}": ${missing}`);
    describe.skip(`${name} (skipped: ${missing})`, body);
  }
}

export interface BrowserSession {
  context: BrowserContext;
  /** Uncaught errors and console errors of every page opened through newPage(). */
  pageErrors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** A headless chromium with a throw-away user-data dir, removed again by close(). */
export async function launchBrowser(): Promise<BrowserSession> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'kalshi-trader-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1400, height: 900 },
  });
  const pageErrors: string[] = [];
  return {
    context,
    pageErrors,
    async newPage() {
      const page = await context.newPage();
      // Under vitest's 20 s test timeout, so a missing element fails with its selector, not a bare timeout.
      page.setDefaultTimeout(10_000);
      // A script error would otherwise only show as a blank panel; tests assert this list stays empty.
      page.on('pageerror', (err) => pageErrors.push(err.message));
      page.on('console', (msg) => {
        if (msg.type() === 'error') pageErrors.push(msg.text());
      });
      return page;
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Full-page screenshot under test-artifacts/ (git-ignored) for a person to look at after a run. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Waits until the element with this data-testid has exactly `text` (trimmed) as its text. */
export async function waitForText(page: Page, testId: string, text: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    ([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === want,
    [testId, text] as const,
    { timeout },
  );
}
