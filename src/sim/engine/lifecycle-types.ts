// The lifecycle's vocabulary: results, Kalshi's lifecycle event types, new events and settlement rows.

/** A market's result once determined: binary yes/no, or a scalar YES payout. */
export type SimMarketResult = 'yes' | 'no' | 'scalar';

export type LifecycleEventType =
  | 'created'
  | 'activated'
  | 'deactivated'
  | 'close_date_updated'
  | 'determined'
  | 'settled';

/** An event (a group of markets of one series), announced on `event_lifecycle` when first created. */
export interface SimEvent {
  eventTicker: string;
  seriesTicker: string;
  title: string;
  subtitle: string;
  /** When the event's markets are scheduled to close. */
  strikeDateMs: number;
  /** Kalshi's strike period label for rolling series (e.g. "hour"); absent for one-off events. */
  strikePeriod?: string;
}

/** One user's payout when a market settles (a row of GET /portfolio/settlements). */
export interface SimSettlement {
  userId: string;
  ticker: string;
  eventTicker: string;
  result: SimMarketResult;
  /** YES payout per contract, ticks. */
  value: number;
  /** Contracts held at settlement (centi): long YES, or long NO. */
  yesCount: number;
  noCount: number;
  /** Cost basis of what was held (micros), on its side. */
  yesTotalCost: number;
  noTotalCost: number;
  /** What was credited to the balance (micros, whole cents): the payout less `fee`. */
  revenue: number;
  /** The sub-cent remainder of the payout, kept as a fee (only scalar payouts of fractional contracts). */
  fee: number;
  settledMs: number;
}
