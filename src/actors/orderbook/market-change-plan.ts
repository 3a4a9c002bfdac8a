// Where a change of the market set goes among the orderbook subscriptions: removed markets leave the batch
// that holds them (delete_markets), added ones fill the batches with room (add_markets) and, past that,
// new batches (subscribe). Pure: the subscriptions apply the plan.

export interface BatchChange {
  /** Index of the batch in the list given. */
  batch: number;
  add: string[];
  remove: string[];
  /** What the batch holds afterwards; empty: unsubscribe it. */
  after: string[];
}

export interface MarketChangePlan {
  changes: BatchChange[];
  /** Markets that need batches of their own, already cut to the batch size. */
  newBatches: string[][];
}

export function planMarketChange(
  batches: readonly (readonly string[])[],
  added: readonly string[],
  removed: readonly string[],
  batchSize: number,
): MarketChangePlan {
  const gone = new Set(removed);
  const held = new Set(batches.flat());
  const pending = [...new Set(added)].filter((t) => !held.has(t));
  const changes: BatchChange[] = [];
  batches.forEach((tickers, batch) => {
    const remove = tickers.filter((t) => gone.has(t));
    const kept = tickers.filter((t) => !gone.has(t));
    const add = pending.splice(0, Math.max(0, batchSize - kept.length));
    if (add.length > 0 || remove.length > 0) changes.push({ batch, add, remove, after: [...kept, ...add] });
  });
  const newBatches: string[][] = [];
  for (let i = 0; i < pending.length; i += batchSize) newBatches.push(pending.slice(i, i + batchSize));
  return { changes, newBatches };
}
