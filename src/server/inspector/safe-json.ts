// Turns arbitrary inspection payloads (snapshots, events, actor refs, errors) into bounded, JSON-safe data.

export interface SafeJsonLimits {
  maxDepth: number;
  maxString: number;
  maxArray: number;
  maxKeys: number;
}

export const DEFAULT_SAFE_JSON_LIMITS: SafeJsonLimits = {
  maxDepth: 24,
  maxString: 4_096,
  maxArray: 500,
  maxKeys: 200,
};

export const REDACTED = '[redacted]';

/**
 * Keys whose values never leave the process, wherever they sit in a context or an event: the
 * inspector shows whole snapshots, so a secret that slipped into context must not reach a viewer.
 */
const SECRET_KEY =
  /^(?:.*private_?key.*|.*secret.*|.*password.*|.*passphrase.*|signature|.*_signature|(?:api_?)?key_?id|control_?token|token|access_?token|authorization|kalshi-access-(?:key|signature))$/i;
const PEM = /-----BEGIN [A-Z ]*KEY-----/;

export const isSecretKey = (key: string): boolean => SECRET_KEY.test(key);

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

const isActorRef = (v: object): v is { sessionId: string; id?: unknown; send: unknown } =>
  typeof (v as { sessionId?: unknown }).sessionId === 'string' &&
  typeof (v as { send?: unknown }).send === 'function';

function safeString(s: string, limits: SafeJsonLimits): string {
  if (PEM.test(s)) return REDACTED;
  return s.length <= limits.maxString
    ? s
    : `${s.slice(0, limits.maxString)}…[+${s.length - limits.maxString}]`;
}

/**
 * A plain copy of `value` that JSON.stringify cannot choke on: cycles, functions, bigints, errors,
 * actor refs (which link to the whole system), Maps/Sets and buffers become small descriptions;
 * depth, strings, arrays and key counts are capped; secret-looking keys are redacted.
 * `toJSON` is honoured, so XState machine snapshots lose their `machine` and `children` links.
 */
export function toSafeJson(value: unknown, limits: SafeJsonLimits = DEFAULT_SAFE_JSON_LIMITS): Plain {
  const ancestors = new Set<object>();

  const walk = (v: unknown, depth: number): Plain | undefined => {
    switch (typeof v) {
      case 'string':
        return safeString(v, limits);
      case 'number':
        return Number.isFinite(v) ? v : String(v);
      case 'boolean':
        return v;
      case 'bigint':
        return v.toString();
      case 'symbol':
        return v.toString();
      case 'function':
        return `[Function ${v.name || 'anonymous'}]`;
      case 'undefined':
        return undefined;
    }
    if (v === null) return null;
    const obj = v as object;
    if (ancestors.has(obj)) return '[Circular]';
    if (depth >= limits.maxDepth) return Array.isArray(obj) ? '[Array]' : '[Object]';
    if (obj instanceof Error) return { name: obj.name, message: safeString(obj.message, limits) };
    if (ArrayBuffer.isView(obj)) return `[${obj.constructor.name} ${obj.byteLength} bytes]`;
    if (isActorRef(obj)) return { actorRef: obj.sessionId, id: typeof obj.id === 'string' ? obj.id : null };
    ancestors.add(obj);
    try {
      if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') {
        return walk((obj as { toJSON(): unknown }).toJSON(), depth);
      }
      if (obj instanceof Map) return walkArray([...obj.entries()], depth);
      if (obj instanceof Set) return walkArray([...obj.values()], depth);
      if (Array.isArray(obj)) return walkArray(obj, depth);
      const out: { [key: string]: Plain } = {};
      const keys = Object.keys(obj);
      for (const key of keys.slice(0, limits.maxKeys)) {
        if (isSecretKey(key)) {
          out[key] = REDACTED;
          continue;
        }
        const child = walk((obj as Record<string, unknown>)[key], depth + 1);
        if (child !== undefined) out[key] = child;
      }
      if (keys.length > limits.maxKeys) out['…'] = `${keys.length - limits.maxKeys} more keys`;
      return out;
    } catch {
      // A throwing getter or toJSON: describe the value instead of failing the whole frame.
      return '[Unserializable]';
    } finally {
      ancestors.delete(obj);
    }
  };

  const walkArray = (arr: readonly unknown[], depth: number): Plain[] => {
    const out = arr.slice(0, limits.maxArray).map((item) => walk(item, depth + 1) ?? null);
    if (arr.length > limits.maxArray) out.push(`…${arr.length - limits.maxArray} more items`);
    return out;
  };

  return walk(value, 0) ?? null;
}
