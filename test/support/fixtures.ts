// Test fixtures: each `useX()` registers the hooks that start a resource for the tests of a file and close it
// after them, so no test file repeats that lifecycle. Hooks unwind in reverse order of registration: register
// what a resource depends on first (the server before the browser page that talks to it).
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Strategy } from '../../src/actors/strategy/strategy-types';
import type { TraderState } from '../../src/server/views';
import type { SimulatorOptions } from '../../src/sim/server';
import { type SimRig, startRig } from '../sim/sim-rig';
import { makeKey, type TestKey } from '../sim/ws/ws-client';
import { type BrowserSession, launchBrowser } from './browser';
import { type ConsoleHarness, startConsoleHarness } from './console-harness';
import { type Daemon, startDaemon } from './daemon-harness';

/**
 * A resource that exists only while the hooks hold it, usable as the resource itself: each property read
 * goes to the current one (methods bound to it), and a read outside that time throws, naming it.
 */
function lateBound<T extends object>(name: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const target = current();
      if (target === undefined) throw new Error(`${name} only exists while a test runs`);
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Simulators on 127.0.0.1:0 that a test starts with `start(opts)`, closed after it. One signing key,
 * registered with every rig, serves the whole file (generating an RSA key is slow).
 */
export function useSimRig(): { readonly key: TestKey; start(opts?: SimulatorOptions): Promise<SimRig> } {
  let key: TestKey | undefined;
  const keyOf = () => {
    key ??= makeKey();
    return key;
  };
  const started: SimRig[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((rig) => rig.sim.close()));
  });
  return {
    get key() {
      return keyOf();
    },
    async start(opts) {
      const rig = await startRig(keyOf(), opts);
      started.push(rig);
      return rig;
    },
  };
}

/** Whole daemons (embedded simulator included) that a test starts with `start(env)`, closed after it. */
export function useDaemon(): {
  start(env?: Record<string, string>, opts?: { strategy?: Strategy }): Promise<Daemon>;
} {
  const started: Daemon[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((daemon) => daemon.close()));
  });
  return {
    async start(env, opts) {
      const daemon = await startDaemon(env, opts);
      started.push(daemon);
      return daemon;
    },
  };
}

/** One daemon for all the tests of a file; the simulator's faults are cleared after each test. */
export function useSharedDaemon(env: Record<string, string> = {}): Daemon {
  let daemon: Daemon | undefined;
  beforeAll(async () => {
    daemon = await startDaemon(env);
  });
  afterEach(async () => {
    await daemon?.faults(null);
  });
  afterAll(async () => {
    await daemon?.close();
    daemon = undefined;
  });
  return lateBound('the shared daemon', () => daemon);
}

/** A fresh console harness (a stand-in daemon's HTTP side) for each test, reporting `state`. */
export function useConsoleHarness(state: TraderState = 'ready'): ConsoleHarness {
  let harness: ConsoleHarness | undefined;
  beforeEach(async () => {
    harness = await startConsoleHarness(state);
  });
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });
  return lateBound('the console harness', () => harness);
}

export interface BrowserFixture {
  /** The running test's page. */
  page: Page;
  /** The element with this data-testid on that page. */
  testId(id: string): Locator;
}

/**
 * One headless chromium for the file and a fresh page for each test. After each test its page is closed
 * and must have had no uncaught error and no console error: a script error otherwise only shows as a
 * blank panel.
 */
export function useBrowser(): BrowserFixture {
  let session: BrowserSession | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  beforeEach(async () => {
    if (session === undefined) throw new Error('chromium did not start');
    page = await session.newPage();
  });
  afterEach(async () => {
    await page?.close();
    page = undefined;
    expect(session?.pageErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await session?.close();
    session = undefined;
  });
  const current = lateBound('the browser page', () => page);
  return { page: current, testId: (id) => current.locator(`[data-testid="${id}"]`) };
}
