// HTTP load with autocannon: successful responses per second of one GET, as the `status` figure needs.
import autocannon from 'autocannon';

export interface LoadResult {
  /** 2xx and 304 answers per second. */
  rate: number;
  notModified: number;
  other: number;
  errors: number;
}

type Context = { etag?: string };

/** Each connection revalidates with the ETag of its own last answer, as a polling client would. */
const revalidating = (path: string): autocannon.Request[] => [
  {
    method: 'GET',
    path,
    setupRequest: (req, context) => {
      const etag = (context as Context).etag;
      return { ...req, headers: etag === undefined ? {} : { 'if-none-match': etag } };
    },
    onResponse: (_status, _body, context, headers) => {
      const etag = headers?.etag;
      if (etag !== undefined) (context as Context).etag = etag;
    },
  },
];

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
    notModified,
    other: total - ok - notModified,
    errors: result.errors,
  };
}
