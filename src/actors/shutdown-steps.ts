// Runs shutdown steps one after another, each bounded in time, and says what became of each: `done`,
// `skipped: <why>` only when it did not run (nothing to do, not asked for), `failed: <why>`, or
// `timeout after <N> ms`. A failing or slow step is logged and the next one still runs.
import { type ActorLog, silentLog } from './trading/trading-ports';

export type StepOutcome = 'done' | `skipped: ${string}` | `failed: ${string}` | `timeout after ${number} ms`;

/** A step that did not run, and why. */
export class Skipped {
  constructor(readonly reason: string) {}
}

export const skip = (reason: string): Skipped => new Skipped(reason);

/** Does the step's work (whatever it resolves with: `done`), or finds none and resolves `skip(why)`. */
export type StepRun = () => unknown;

/** A step by name: its work, or, when it cannot run at all (not wired, not asked for), why. */
export type Step = readonly [name: string, run: StepRun | Skipped];

export async function runSteps(
  steps: readonly Step[],
  opts: { timeoutMs: number; log?: ActorLog },
): Promise<Record<string, StepOutcome>> {
  const log = opts.log ?? silentLog;
  const outcomes: Record<string, StepOutcome> = {};
  for (const [name, run] of steps) {
    outcomes[name] =
      run instanceof Skipped ? `skipped: ${run.reason}` : await attempt(name, run, opts.timeoutMs, log);
  }
  return outcomes;
}

const TIMED_OUT = Symbol('timed out');

async function attempt(name: string, run: StepRun, ms: number, log: ActorLog): Promise<StepOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    const result = await Promise.race([Promise.resolve().then(run), timeout]);
    if (result === TIMED_OUT) {
      log.error({ step: name, timeoutMs: ms }, 'shutdown step timed out');
      return `timeout after ${ms} ms`;
    }
    return result instanceof Skipped ? `skipped: ${result.reason}` : 'done';
  } catch (err) {
    log.error({ step: name, err }, 'shutdown step failed');
    return `failed: ${oneLine(err)}`;
  } finally {
    clearTimeout(timer);
  }
}

const oneLine = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).replace(/\s*[\r\n]+\s*/g, ' ');
