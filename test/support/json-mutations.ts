// Structure-aware mutations of a valid JSON document for the fuzz suites: one value replaced by a wrong
// type, a huge or off-grid number, a key removed or added, or the text cut short.
import fc from 'fast-check';

type Path = (string | number)[];

/** Every path to a value in `doc`, the root excluded. */
export function jsonPaths(doc: unknown, prefix: Path = []): Path[] {
  if (doc === null || typeof doc !== 'object') return [];
  const entries = Array.isArray(doc) ? doc.map((v, i) => [i, v] as const) : Object.entries(doc);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...jsonPaths(v, [...prefix, k])]);
}

const DELETE = Symbol('delete');

/** A copy of `doc` with the value at `path` replaced (or deleted). */
function setAt(doc: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(doc)) {
    const copy = [...doc];
    if (value === DELETE && rest.length === 0) copy.splice(head as number, 1);
    else copy[head as number] = setAt(doc[head as number], rest, value);
    return copy;
  }
  const copy = { ...(doc as Record<string, unknown>) };
  if (value === DELETE && rest.length === 0) delete copy[head as string];
  else copy[head as string] = setAt((doc as Record<string, unknown>)[head as string], rest, value);
  return copy;
}

/** Values that break a field: other types, numbers beyond safe integers, decimals off any grid. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, '', 'abc', 0, -1, 1.5, 2 ** 53 + 1, 1e308, -1e308, [], {}),
  fc.constantFrom(
    '1e3',
    '-0.5',
    '0.56001',
    '0.0000001',
    '99999999999999999999.99',
    '1.',
    '.5',
    '0x10',
    'NaN',
    ' 1',
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** `doc` with one value replaced, removed, or a key added next to it. */
export function mutateJson(doc: unknown): fc.Arbitrary<unknown> {
  const paths = jsonPaths(doc);
  if (paths.length === 0) return wrongValue;
  return fc.tuple(fc.constantFrom(...paths), wrongValue, fc.nat(9)).map(([path, value, how]) => {
    if (how === 0) return setAt(doc, path, DELETE);
    if (how === 1) return setAt(doc, [...path.slice(0, -1), `unexpected_${path.length}`], value);
    return setAt(doc, path, value);
  });
}

/** Serialised `doc` cut short somewhere (never whole). */
export const truncatedJson = (doc: unknown): fc.Arbitrary<string> => {
  const text = JSON.stringify(doc);
  return fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n));
};
