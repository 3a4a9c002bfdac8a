// HTTP load with autocannon: successful responses per second of one GET, as the `status` figure needs.
import autocannon from 'autocannon';

export interface LoadResult {
  /** 2xx and 304 answers per second. */
  rate: number;
  /** 2xx and 304 answers in all. */
  answered: number;
  notModified: number;
  other: number;
  errors: number;
}

/**
 * Requests that revalidate with the last ETag the server sent, as a polling console would. The ETag lives
 * in this closure: autocannon resets a connection's `context` each time its request list starts over,
 * which with a single request is after every response; and raw header names keep the server's case.
 */
function revalidating(path: string): autocannon.Request[] {
  let etag: string | undefined;
  return [
    {
      method: 'GET',
      path,
      setupRequest: (req) => ({ ...req, headers: etag === undefined ? {} : { 'if-none-match': etag } }),
      onResponse: (_status, _body, _context, headers) => {
        for (const [name, value] of Object.entries(headers ?? {}))
          if (name.toLowerCase() === 'etag' && typeof value === 'string') etag = value;
      },
    },
  ];
}

export async function load(
  url: string,
  seconds: number,
  opts: { connections?: number; revalidate?: boolean } = {},
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    duration: seconds,
    connections: opts.connections ?? 16,
    pipelining: 1,
    ...(opts.revalidate === true ? { requests: revalidating(new URL(url).pathname) } : {}),
  });
  const count = (code: string) => Number(result.statusCodeStats?.[code as '200']?.count ?? 0);
  const ok = count('200');
  const notModified = count('304');
  const total = Object.keys(result.statusCodeStats ?? {}).reduce((sum, code) => sum + count(code), 0);
  return {
    rate: (ok + notModified) / result.duration,
    answered: ok + notModified,
    notModified,
    other: total - ok - notModified,
    errors: result.errors,
  };
}
