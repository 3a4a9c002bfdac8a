// A broadcast frame framed once: a server's WebSocket frames are never masked, so every recipient gets
// the very same bytes, header included. Written straight to each client's socket, one frame costs a
// recipient a single buffered write, where `ws.send` would build a header and make two writes for each
// (with the socket's own bookkeeping, about a tenth of the daemon's busy time at 10k msg/s × 10 clients).
//
// This is safe because the server's `ws` sender never holds frames back: the feed's WebSocketServer has
// no permessage-deflate (its default) and sends no Blobs, so `ws` writes every frame (pings, closes)
// to the socket at once, and frames written here keep their order among them.

const FIN_TEXT = 0x81;

/** The frame's JSON text, and the same text as one complete unmasked RFC 6455 text frame. */
export interface SharedFrame {
  readonly payload: Buffer;
  readonly framed: Buffer;
}

export function sharedFrame(json: string): SharedFrame {
  const length = Buffer.byteLength(json);
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const framed = Buffer.allocUnsafe(header + length);
  framed[0] = FIN_TEXT;
  if (length < 126) framed[1] = length;
  else if (length < 65_536) {
    framed[1] = 126;
    framed.writeUInt16BE(length, 2);
  } else {
    framed[1] = 127;
    framed.writeUInt32BE(0, 2); // frames here are far below 4 GiB
    framed.writeUInt32BE(length, 6);
  }
  framed.write(json, header, 'utf8');
  return { payload: framed.subarray(header), framed };
}
