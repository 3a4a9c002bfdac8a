// The daemon's frame read as FrameRouter.routeBytes does it: the byte scanner, and parseOrderbookFrame
// on the decoded text for any frame the scanner defers.
import { type ParsedFrame, parseOrderbookFrame } from '../../src/adapters/kalshi/orderbook-frame-parser';
import { OrderbookFrameScanner } from '../../src/adapters/kalshi/orderbook-frame-scanner';

export function readBookFrame(): (bytes: Buffer) => ParsedFrame {
  const scanner = new OrderbookFrameScanner();
  return (bytes) => scanner.scan(bytes) ?? parseOrderbookFrame(bytes.toString('utf8'));
}
