/**
 * A server-to-client WebSocket text frame as it goes on the wire (RFC 6455 §5.2: FIN, opcode 1,
 * unmasked, no extension bits), header and UTF-8 payload in one Buffer. An event is serialised and
 * framed ONCE, and the same bytes are written to every recipient's socket (gateway/connection.ts):
 * a room message to 8,000 listeners is one `JSON.stringify`, one UTF-8 encode and one header,
 * not 8,000 of each inside `ws`. Only valid on sockets without permessage-deflate (app.ts turns
 * it off; gateway/outbound.ts falls back to `ws.send` of the payload if a socket negotiated it).
 */
export type WireFrame = Buffer;

/** Frames a text payload. */
export function textFrame(text: string): WireFrame {
  const length = Buffer.byteLength(text);
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(0, 2);
    frame.writeUInt32BE(length, 6);
  }
  frame.write(text, header, 'utf8');
  return frame;
}

/** Where the payload starts (for the fallback path and for tests). */
export function payloadOffset(frame: WireFrame): number {
  const len = frame[1]! & 0x7f;
  return len === 126 ? 4 : len === 127 ? 10 : 2;
}

/** The text a frame carries. */
export function frameText(frame: WireFrame): string {
  return frame.toString('utf8', payloadOffset(frame));
}
