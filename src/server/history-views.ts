// The history read models (GET /v3/fills, /v3/orders?status=, /v3/sessions, /v3/pnl): what storage kept,
// in the same wire units as the live views, and the port the server reads it through.
import { z } from 'zod';
import { formatMoney } from '../domain/fixed-point';
import type { StoragePort } from '../domain/storage-port';
import type { PnlPoint, SessionRecord, StoredFill, StoredOrder } from '../domain/storage-records';
import { toFillView, toOrderView } from './view-mappers';
import { DollarsSchema, FillViewSchema, OrderViewSchema } from './views';

/** History reads, already scoped to this daemon by the composition root. */
export type HistoryPort = Pick<
  StoragePort,
  'listFills' | 'listOrders' | 'listSessions' | 'realizedPnlSeries'
>;

const IsoTime = z.string().describe('ISO-8601 UTC time');
const Int = z.number().int();
const iso = (ms: number): string => new Date(ms).toISOString();

export const StoredFillViewSchema = FillViewSchema.extend({
  seq: Int.describe('position in recording order: the cursor'),
  session_id: Int,
});
export const FillPageViewSchema = z.object({
  fills: z.array(StoredFillViewSchema),
  next_cursor: Int.nullable().describe('pass as `since` for the next page; null on the last page'),
});

export const StoredOrderViewSchema = OrderViewSchema.extend({
  source: z.enum(['strategy', 'manual', 'adopted']),
  intent_id: z.string().nullable(),
  session_id: Int,
  note: z.string().nullable().describe('why it ended as it did when the exchange did not say'),
});
export const StoredOrdersViewSchema = z.object({ orders: z.array(StoredOrderViewSchema) });

export const SessionViewSchema = z.object({
  session_id: Int,
  uuid: z.string(),
  daemon_id: z.string(),
  order_prefix: z.string(),
  exchange: z.string(),
  started: IsoTime,
  stopped: IsoTime.nullable(),
  stop_reason: z.string().nullable().describe('`unclean` for a run that never recorded its stop'),
});
export const SessionsViewSchema = z.object({ sessions: z.array(SessionViewSchema) });

export const PnlSeriesViewSchema = z.object({
  points: z.array(
    z.object({
      ts: IsoTime,
      ts_ms: Int,
      realized_pnl_dollars: DollarsSchema.describe('over every market, to date'),
      fees_paid_dollars: DollarsSchema,
      realized_pnl_net_dollars: DollarsSchema.describe('realized PnL net of fees, to date'),
    }),
  ),
});

export const toStoredFillView = (f: StoredFill) => ({
  ...toFillView(f),
  seq: f.seq,
  session_id: f.sessionId,
});

export const toStoredOrderView = (o: StoredOrder) => ({
  ...toOrderView(o),
  source: o.source,
  intent_id: o.intentId,
  session_id: o.sessionId,
  note: o.note,
});

export const toSessionView = (s: SessionRecord) => ({
  session_id: s.sessionId,
  uuid: s.uuid,
  daemon_id: s.daemonId,
  order_prefix: s.orderPrefix,
  exchange: s.exchange,
  started: iso(s.startedMs),
  stopped: s.stoppedMs === null ? null : iso(s.stoppedMs),
  stop_reason: s.stopReason,
});

export const toPnlPointView = (p: PnlPoint) => ({
  ts: iso(p.tsMs),
  ts_ms: p.tsMs,
  realized_pnl_dollars: formatMoney(p.realizedPnl),
  fees_paid_dollars: formatMoney(p.feesPaid),
  realized_pnl_net_dollars: formatMoney(p.realizedPnl - p.feesPaid),
});
