// HTTP load with autocannon: successful responses per second of one GET, as the `status` figure needs.
import autocannon from 'autocannon';

export interface LoadResult {
  /** 2xx and 304 answers per second. */
  rate: number;
  notModified: number;
  other: number;
  errors: number;
}

export async function load(
  url: string,
  seconds: number,
  opts: { connections?: number; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    duration: seconds,
    connections: opts.connections ?? 16,
    pipelining: 1,
    ...(opts.headers ? { headers: opts.headers } : {}),
  });
  const count = (code: string) => Number(result.statusCodeStats?.[code as '200']?.count ?? 0);
  const ok = count('200');
  const notModified = count('304');
  const total = Object.keys(result.statusCodeStats ?? {}).reduce((sum, code) => sum + count(code), 0);
  return {
    rate: (ok + notModified) / result.duration,
    notModified,
    other: total - ok - notModified,
    errors: result.errors,
  };
}
