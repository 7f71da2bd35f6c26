/**
 * Request bodies at the edge: content types, empty JSON, and bodies over the limit, which every
 * client must see answered with 413 — also one that writes its whole body before reading
 * (RFC 9112 §9.6: a server that closes at once can make the client lose the response).
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupUser, startTestServer, type TestServer, type TestUser } from '../testing/harness.js';
import { drainRefusedBody } from './bodies.js';

let server: TestServer;
let ada: TestUser;
let bob: TestUser;
let convId: string;

beforeAll(async () => {
  server = await startTestServer();
  [ada, bob] = await Promise.all([signupUser(server), signupUser(server)]);
  convId = (await ada.client.openDirect(bob.id)).id;
});
afterAll(() => server.close());

async function post(path: string, body: string | Uint8Array, contentType: string | null) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ada.token}`, ...(contentType !== null ? { 'content-type': contentType } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as { code: string; message: string; details?: Record<string, unknown> } };
}

/** Writes the request head and its whole body without reading, then reads what came back. */
function rawUpload(port: number, path: string, declared: number, sent: number): Promise<{ response: string; written: number; error: string | null }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let response = '';
    let written = 0;
    let error: string | null = null;
    let allWritten = false;
    const complete = () => {
      const end = response.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(response.slice(0, end));
      return end >= 0 && length !== null && response.length >= end + 4 + Number(length[1]);
    };
    socket.pause();
    socket.on('data', (d) => {
      response += d.toString('latin1');
      if (allWritten && complete()) socket.end(); // hang up once the whole response is in
    });
    socket.on('error', (err) => (error = (err as NodeJS.ErrnoException).code ?? err.message));
    socket.on('close', () => resolve({ response, written, error }));
    socket.on('connect', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${ada.token}\r\ncontent-type: application/json\r\ncontent-length: ${declared}\r\n\r\n`);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const writeMore = () => {
        while (written < sent && !socket.destroyed) {
          const n = Math.min(chunk.length, sent - written);
          written += n;
          if (!socket.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void socket.once('drain', writeMore);
        }
        allWritten = true;
        socket.resume(); // only now read what the server answered
      };
      writeMore();
    });
  });
}

describe('content types', () => {
  it('answers every body that is not JSON with one error, whatever its type', async () => {
    const json = JSON.stringify({ clientMessageId: 'ct-1', text: 'hi' });
    const answers = [];
    for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', null]) {
      const r = await post(`/v1/conversations/${convId}/messages`, type === null ? new TextEncoder().encode(json) : json, type);
      answers.push([type, r.status, r.body]);
    }
    const expected = { code: 'bad_request', message: 'Send JSON (Content-Type: application/json).', details: { field: 'content-type' } };
    expect(answers).toEqual(answers.map(([type]) => [type, 400, expected]));
    expect((await ada.client.history(convId)).messages).toEqual([]);
  });

  it('answers an empty JSON body with bad_json, on routes with and without a body', async () => {
    for (const path of [`/v1/conversations/${convId}/messages`, `/v1/conversations/${convId}/leave`]) {
      const r = await post(path, '', 'application/json');
      expect([path, r.status, r.body.code]).toEqual([path, 400, 'bad_json']);
    }
    expect((await ada.client.getConversation(convId)).id).toBe(convId);
  });
});

describe('bodies over the limit', () => {
  const port = () => Number(new URL(server.url).port);

  it('answers 10 MB with 413 to Node’s fetch, every time', async () => {
    const body = new Uint8Array(10 * 1024 * 1024).fill(0x20);
    for (let i = 0; i < 5; i++) {
      const r = await post(`/v1/conversations/${convId}/messages`, body, 'application/json');
      expect([i, r.status, r.body.code]).toEqual([i, 413, 'too_large']);
    }
  });

  it('answers 413 to a raw client that writes all 10 MB before reading', async () => {
    const size = 10 * 1024 * 1024;
    const r = await rawUpload(port(), `/v1/conversations/${convId}/messages`, size, size);
    expect([r.error, r.written, r.response.split('\r\n')[0]]).toEqual([null, size, 'HTTP/1.1 413 Payload Too Large']);
    expect(r.response).toContain('"code":"too_large"');
  });

  it('stops reading a body that goes on and on: the connection closes after the byte bound', async () => {
    const r = await rawUpload(port(), `/v1/conversations/${convId}/messages`, 1024 * 1024 * 1024, 1024 * 1024 * 1024);
    expect(r.written).toBeLessThan(100 * 1024 * 1024);
    expect(r.error).not.toBeNull();
  });
});

describe('drainRefusedBody', () => {
  it('answers a stalled upload, then closes it after the time bound', async () => {
    const plain = http.createServer((req, res) => {
      drainRefusedBody(req, { bytes: 1024 * 1024, ms: 50 });
      res.writeHead(413, { 'content-type': 'application/json' }).end('{}');
    });
    // Node's own idle timeouts would close it eventually; only the drain's bound may close it here.
    plain.keepAliveTimeout = 600_000;
    plain.requestTimeout = 0;
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = plain.address() as net.AddressInfo;
      const stalled = new Promise<{ response: string; error: string | null }>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write('POST /stalled HTTP/1.1\r\nhost: x\r\ncontent-length: 100000\r\n\r\n{"a":'));
        let response = '';
        let error: string | null = null;
        socket.on('data', (d) => (response += d.toString()));
        socket.on('error', (err) => (error = (err as NodeJS.ErrnoException).code ?? err.message));
        socket.on('close', () => resolve({ response, error }));
      });
      const r = await stalled;
      expect(r.response.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    } finally {
      plain.closeAllConnections();
      await new Promise((resolve) => plain.close(resolve));
    }
  });
});
