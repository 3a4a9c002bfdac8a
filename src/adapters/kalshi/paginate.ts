// Follows Kalshi's opaque cursors to the end of a list, refusing to loop on a cursor the server repeats.
import { KalshiResponseError } from './errors';

export interface Page<T> {
  items: readonly T[];
  /** Empty or absent = last page. */
  cursor: string | null | undefined;
}

export interface PaginateOptions {
  /** Stop after this many items (the last page is cut). */
  maxItems?: number;
  /** Safety net against a server that hands out fresh cursors forever. */
  maxPages?: number;
}

export const DEFAULT_MAX_PAGES = 10_000;

/**
 * Yields items page by page. A cursor seen before means the server would send us round in a circle:
 * that is a KalshiResponseError, not an endless loop (idea from TexasCoding's Python SDK paginator).
 */
export async function* paginate<T>(
  endpoint: string,
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  options: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  if (maxItems <= 0) return;
  const seen = new Set<string>();
  let cursor: string | undefined;
  let yielded = 0;
  for (let pages = 0; ; pages++) {
    if (pages >= maxPages) throw new KalshiResponseError(endpoint, `more than ${maxPages} pages`);
    const page = await fetchPage(cursor);
    for (const item of page.items) {
      yield item;
      if (++yielded >= maxItems) return;
    }
    const next = page.cursor ?? '';
    if (next === '') return;
    if (seen.has(next)) throw new KalshiResponseError(endpoint, 'pagination cursor repeated (loop)');
    seen.add(next);
    cursor = next;
  }
}

/** Drains an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
