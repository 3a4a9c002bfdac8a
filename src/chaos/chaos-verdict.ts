// Judges one scenario once its faults are cleared: polls the daemon and the simulator until every check
// holds and the state sequence the daemon announced matches (or the settle time is up), then reports both.
import {
  checkBooks,
  checkLimits,
  checkNoDoubles,
  checkOrdersKnown,
  checkPeakOrders,
  checkPositions,
  type DaemonView,
} from './chaos-checks';
import type { Scenario } from './chaos-scenarios';
import type { SimRecords } from './sim-records';
import { describeSequence, firstErrorReason, stateSequence, type Transition } from './state-sequence';
import type { TraderLimits } from './trader-process';

export interface ScenarioResult {
  name: string;
  expected: string;
  observed: string;
  pass: boolean;
  /** Every check that failed, for the log under the table. */
  problems: string[];
  seconds: number;
}

export interface JudgeInput {
  scenario: Scenario;
  transitions(): Transition[];
  /** The scenario's own failure, or the daemon never recovering; null when neither. */
  failure: string | null;
  /** `markets`: what the daemon follows now. */
  read(): Promise<{ daemon: DaemonView; exchange: SimRecords; markets: readonly string[] }>;
  limits: TraderLimits;
  settleTimeoutMs: number;
  /** Orders the exchange held for the account before the scenario. */
  ordersBefore: number;
}

/** Every problem the records show; empty when the daemon agrees with the exchange on everything. */
export function recordProblems(daemon: DaemonView, exchange: SimRecords, limits: TraderLimits): string[] {
  return [
    ...checkNoDoubles(exchange.orders),
    ...checkOrdersKnown(daemon.orders, exchange.orders),
    ...checkLimits(exchange.orders, exchange.positions, limits),
    ...checkPeakOrders(exchange.orders, limits),
    ...checkPositions(daemon.positions, exchange.positions),
    ...checkBooks(daemon.books, exchange.books),
  ];
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function judgeScenario(input: JudgeInput): Promise<ScenarioResult & { orders: number }> {
  const deadline = Date.now() + input.settleTimeoutMs;
  let problems: string[] = input.failure === null ? [] : [input.failure];
  let orders = input.ordersBefore;
  let resting = 0;
  // Quotes left on markets a recovery's discovery dropped: no limit is broken, but nobody moves them.
  let unfollowed = 0;
  if (input.failure === null) {
    for (;;) {
      const read = await input.read().then(
        (r) => r,
        (err: Error) => err,
      );
      if (read instanceof Error) problems = [`reading the records failed: ${read.message}`];
      else {
        problems = recordProblems(read.daemon, read.exchange, input.limits);
        orders = read.exchange.orders.length;
        const open = read.exchange.orders.filter((o) => o.status === 'resting');
        resting = open.length;
        unfollowed = open.filter((o) => !read.markets.includes(o.ticker)).length;
      }
      // The announced sequence settles too: `/v3/status` reads a decision over a recovered feed as ready
      // before the decision ends and announces `acting → ready`.
      const settled = input.scenario.expect.pattern.test(
        describeSequence(stateSequence('ready', input.transitions())),
      );
      if ((problems.length === 0 && settled) || Date.now() > deadline) break;
      await delay(500);
    }
  }
  const transitions = input.transitions();
  const sequence = describeSequence(stateSequence('ready', transitions));
  const expect = input.scenario.expect;
  if (!expect.pattern.test(sequence)) {
    const why = firstErrorReason(transitions);
    problems.unshift(`state sequence ${sequence}, expected ${expect.text}${why ? ` (error: ${why})` : ''}`);
    problems.push(`announced: ${transitions.map((t) => `${t.from}→${t.to}`).join(' ') || 'nothing'}`);
  }
  const summary =
    problems.length === 0
      ? `books equal; ${orders - input.ordersBefore} orders placed, ${resting} resting` +
        `${unfollowed > 0 ? ` (${unfollowed} on markets no longer followed)` : ''}, none lost or doubled`
      : (problems[0] as string);
  return {
    name: input.scenario.name,
    expected: `${expect.text}; records agree`,
    observed: `${sequence}; ${summary}`,
    pass: problems.length === 0,
    problems,
    seconds: 0,
    orders,
  };
}
