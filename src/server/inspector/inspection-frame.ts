// Encodes one Stately inspection event as a /v3/inspect frame: JSON-safe, secrets redacted, size-capped.
import type { StatelyInspectionEvent } from '@statelyai/inspect';
import type { MachineGraph } from './machine-graph';
import { DEFAULT_SAFE_JSON_LIMITS, type SafeJsonLimits, toSafeJson } from './safe-json';

/** A Stately event as we relay it: `@xstate.actor` may carry the drawable graph of a machine. */
export type RelayedInspectionEvent = StatelyInspectionEvent & { graph?: MachineGraph };

export type InspectionEventType = StatelyInspectionEvent['type'];

export interface EncodedFrame {
  type: InspectionEventType;
  sessionId: string;
  json: string;
  /** The actor's snapshot status where the event carries one (`active`, `done`, `error`, `stopped`). */
  status?: string;
  parentId?: string;
  /** True when context, event or definition had to be cut to fit the size cap. */
  trimmed: boolean;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

type Mutable = Record<string, unknown>;

/**
 * Progressively smaller versions of a frame: the Stately definition string first (our graph still
 * draws the machine), then the snapshot's context, then the event payload, then the graph.
 */
const SHRINKS: ((frame: Mutable, size: number) => boolean)[] = [
  (f) => 'definition' in f && f.definition !== undefined && delete f.definition,
  (f, size) => replaceIn(f, 'snapshot', 'context', `[context cut: frame was ${size} bytes]`),
  (f) => {
    const event = f.event as Mutable | undefined;
    if (event === undefined || typeof event !== 'object' || event === null) return false;
    f.event = { type: event.type, cut: true };
    return true;
  },
  (f) => 'graph' in f && delete f.graph,
];

function replaceIn(frame: Mutable, outer: string, inner: string, value: string): boolean {
  const holder = frame[outer] as Mutable | undefined;
  if (holder === undefined || holder === null || typeof holder !== 'object' || !(inner in holder))
    return false;
  frame[outer] = { ...holder, [inner]: value };
  return true;
}

/**
 * Stately ships the machine config as a JSON string; a static context in it gets the same redaction.
 * Wide machines are normal, so only depth is capped here: the frame's byte cap bounds the rest.
 */
function redactDefinition(definition: string, limits: SafeJsonLimits): string | undefined {
  const wide = { ...limits, maxKeys: Number.POSITIVE_INFINITY, maxArray: Number.POSITIVE_INFINITY };
  try {
    return JSON.stringify(toSafeJson(JSON.parse(definition), wide));
  } catch {
    return undefined;
  }
}

/** Undefined when even the smallest version exceeds `maxBytes` (the caller counts the drop). */
export function encodeInspectionFrame(
  event: RelayedInspectionEvent,
  maxBytes: number,
  limits: SafeJsonLimits = DEFAULT_SAFE_JSON_LIMITS,
): EncodedFrame | undefined {
  // The definition is a long JSON string: redacted as data, not cut as a string.
  const { definition, ...rest } = event as RelayedInspectionEvent & { definition?: unknown };
  const plain = toSafeJson(rest, limits) as Mutable;
  if (typeof definition === 'string') {
    const safe = redactDefinition(definition, limits);
    if (safe !== undefined) plain.definition = safe;
  }
  const snapshot = plain.snapshot as Mutable | undefined;
  const meta = {
    type: event.type,
    sessionId: event.sessionId,
    ...(typeof snapshot?.status === 'string' ? { status: snapshot.status } : {}),
    ...(event.type === '@xstate.actor' && event.parentId !== undefined ? { parentId: event.parentId } : {}),
  };
  let json = JSON.stringify(plain);
  let trimmed = false;
  for (const shrink of SHRINKS) {
    const size = bytes(json);
    if (size <= maxBytes) break;
    if (!shrink(plain, size)) continue;
    trimmed = true;
    json = JSON.stringify(plain);
  }
  if (bytes(json) > maxBytes) return undefined;
  return { ...meta, json, trimmed };
}
