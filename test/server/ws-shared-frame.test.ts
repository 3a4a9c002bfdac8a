// A frame framed once for every recipient is a frame a WebSocket client reads back exactly, at each of
// the three length encodings, multi-byte text included.
import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { sharedFrame } from '../../src/server/ws-shared-frame';

/** `ws`'s frame parser, which it exports but its types do not declare. */
interface FrameReceiver {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  write(chunk: Buffer): void;
}
const { Receiver } = ws as unknown as { Receiver: new (options: { isServer: boolean }) => FrameReceiver };

/** What a client's `ws` receiver makes of these bytes. */
function received(bytes: Buffer): Promise<{ text: string; isBinary: boolean }> {
  const receiver = new Receiver({ isServer: false });
  return new Promise((resolve, reject) => {
    receiver.on('message', (data, isBinary) => resolve({ text: data.toString(), isBinary }));
    receiver.on('error', reject);
    receiver.write(bytes);
  });
}

describe('sharedFrame', () => {
  it('frames JSON text as one unmasked text frame of any length', async () => {
    for (const size of [0, 5, 125, 126, 300, 65_535, 65_536, 70_000]) {
      const json = JSON.stringify({ t: 'é'.repeat(Math.max(0, Math.floor((size - 10) / 2))) });
      const frame = sharedFrame(json);
      expect(frame.payload.toString()).toBe(json);
      expect(await received(frame.framed)).toEqual({ text: json, isBinary: false });
    }
  });
});
