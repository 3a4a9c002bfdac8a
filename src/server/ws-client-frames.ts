// Client → server frames of /v3/ws, parsed at the edge into a typed frame or a classified refusal.
import { z } from 'zod';

/** Past this many orderbook markets a client must unsubscribe first: bounds per-client fan-out. */
export const MAX_MARKETS_PER_CLIENT = 256;
/** The original console's topics, which it subscribes to by default. */
export const DEFAULT_TOPICS = ['state_transitions', 'trader_status', 'orderbook_metrics'] as const;

const Market = z.string().min(1).max(128);
/** `orderbook`: the whole book at every publication; `orderbook_delta`: a snapshot, then the changes. */
const Channels = z.array(z.enum(['orderbook', 'orderbook_delta'])).max(8);

const ClientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('pong') }),
  z.object({
    type: z.literal('subscribe'),
    channels: Channels.optional(),
    markets: z.array(Market).max(MAX_MARKETS_PER_CLIENT).optional(),
    /** The original protocol: replaces the client's topics. */
    subscriptions: z.array(z.string().max(64)).max(16).optional(),
  }),
  z.object({
    type: z.literal('unsubscribe'),
    channels: Channels.optional(),
    markets: z.array(Market).max(MAX_MARKETS_PER_CLIENT).optional(),
  }),
  z.object({
    type: z.literal('command'),
    id: z.union([z.string().max(64), z.number()]).optional(),
    // Token and command are checked by the command handler, so each failure gets its own code.
    token: z.unknown().optional(),
    command: z.unknown(),
  }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;
export type CommandFrame = Extract<ClientFrame, { type: 'command' }>;
export type SubscribeFrame = Extract<ClientFrame, { type: 'subscribe' }>;
export type UnsubscribeFrame = Extract<ClientFrame, { type: 'unsubscribe' }>;

const KNOWN_TYPES = new Set(['ping', 'pong', 'subscribe', 'unsubscribe', 'command']);

export type FrameErrorCode = 'malformed_json' | 'invalid_frame' | 'unknown_type';
export type ParsedClientFrame =
  | { ok: true; frame: ClientFrame }
  | { ok: false; code: FrameErrorCode; message: string };

/** Zod issues as "path: message" (zod 4 messages name types, never the input's values). */
export const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');

export function parseClientFrame(text: string): ParsedClientFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, code: 'malformed_json', message: 'frame is not valid JSON' };
  }
  if (typeof raw !== 'object' || raw === null || typeof (raw as { type?: unknown }).type !== 'string') {
    return { ok: false, code: 'invalid_frame', message: 'frame must be an object with a string "type"' };
  }
  const type = (raw as { type: string }).type;
  if (!KNOWN_TYPES.has(type)) {
    return { ok: false, code: 'unknown_type', message: `unknown frame type "${type.slice(0, 32)}"` };
  }
  const parsed = ClientFrameSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'invalid_frame', message: describeIssues(parsed.error) };
  return { ok: true, frame: parsed.data };
}
