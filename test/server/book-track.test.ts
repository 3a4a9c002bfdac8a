// One market's delta track: what a publication asks of its subscribers (nothing, a delta, a new
// snapshot) and the snapshot frame's send time, shared within a publication and fresh after it.
import { describe, expect, it } from 'vitest';
import { Orderbook } from '../../src/domain/orderbook';
import { BookTrack } from '../../src/server/book-track';

const frame = (bytes: Buffer) => JSON.parse(bytes.toString('utf8'));

describe('BookTrack', () => {
  const setup = () => {
    const book = new Orderbook();
    book.applySnapshot([4_500, 1_000], [5_000, 200]);
    const track = new BookTrack('KXA-1');
    let seq = 0;
    const advance = () => track.advance({ book, trade: undefined }, () => ++seq);
    return { book, track, advance };
  };

  it('starts with a snapshot, follows changes with deltas and asks nothing when nothing changed', () => {
    const { book, track, advance } = setup();
    expect(advance()).toBe('snapshot');
    expect(advance()).toBe('none');
    book.applyDelta('yes', 4_500, 500);
    expect(advance()).toBe('delta');
    expect(JSON.parse(track.deltaFrame(1_000))).toMatchObject({
      type: 'orderbook_delta',
      data: {
        ticker: 'KXA-1',
        publish_seq: 2,
        prev_publish_seq: 1,
        yes_dollars: [['0.4500', '15.00']],
        no_dollars: [],
      },
    });
    book.applySnapshot([4_400, 100], []);
    expect(advance()).toBe('snapshot');
  });

  it('encodes a snapshot once per send time: shared within a publication, stamped anew after it', () => {
    const { track, advance } = setup();
    advance();
    const first = track.snapshot(1_000);
    expect(track.snapshot(1_000)).toBe(first);
    const later = track.snapshot(61_000);
    expect(frame(first.payload)).toMatchObject({ timestamp: 1, data: { publish_seq: 1 } });
    expect(frame(later.payload)).toMatchObject({ timestamp: 61, data: { publish_seq: 1 } });
    expect(frame(later.payload).data).toEqual(frame(first.payload).data);
  });
});
