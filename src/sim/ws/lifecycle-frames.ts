// The `msg` bodies of the market_lifecycle_v2 channel (AsyncAPI marketLifecycleV2Payload and
// eventLifecyclePayload): each event type carries only its own keys, times in Unix seconds.
import { formatPrice } from '../../domain/fixed-point';
import type { ExchangeEvent, SimEvent } from '../engine/types';

type LifecycleEvent = Extract<ExchangeEvent, { kind: 'lifecycle' }>;

const seconds = (ms: number) => Math.floor(ms / 1000);

export function lifecycleMsg(event: LifecycleEvent): Record<string, unknown> {
  const { market } = event;
  const msg: Record<string, unknown> = { market_ticker: event.ticker, event_type: event.eventType };
  switch (event.eventType) {
    case 'created':
      msg.exchange_index = 0;
      msg.open_ts = seconds(market.openTimeMs);
      msg.close_ts = seconds(market.closeTimeMs);
      msg.price_level_structure = market.priceLevelStructure;
      msg.price_ranges = market.priceRanges.map((r) => ({
        start: formatPrice(r.start),
        end: formatPrice(r.end),
        step: formatPrice(r.step),
      }));
      msg.additional_metadata = {
        name: market.title,
        title: market.title,
        yes_sub_title: market.yesSubTitle ?? market.title,
        no_sub_title: market.noSubTitle ?? market.title,
        rules_primary: market.rulesPrimary ?? '',
        rules_secondary: '',
        can_close_early: true,
        event_ticker: market.eventTicker,
        expected_expiration_ts: seconds(market.closeTimeMs),
        strike_type: 'greater',
        ...(market.floorStrike == null ? {} : { floor_strike: market.floorStrike }),
      };
      break;
    case 'activated':
    case 'deactivated':
      msg.is_deactivated = event.eventType === 'deactivated';
      break;
    case 'close_date_updated':
      msg.close_ts = seconds(market.closeTimeMs);
      break;
    case 'determined':
      msg.determination_ts = seconds(market.determinedMs ?? event.tsMs);
      msg.result = market.result ?? '';
      msg.settlement_value = formatPrice(market.settlementValue ?? 0);
      break;
    case 'settled':
      msg.settled_ts = seconds(market.settledMs ?? event.tsMs);
      break;
  }
  return msg;
}

export function eventLifecycleMsg(event: SimEvent): Record<string, unknown> {
  return {
    event_ticker: event.eventTicker,
    exchange_index: 0,
    title: event.title,
    subtitle: event.subtitle,
    collateral_return_type: '',
    series_ticker: event.seriesTicker,
    strike_date: seconds(event.strikeDateMs),
  };
}
