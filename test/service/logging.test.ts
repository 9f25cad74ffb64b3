/** The service logger: the access line's form, batching, flush, and lines written at process exit. */
import { spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createService, type Service } from '../../runtime/service/index.js';
import { flushLogger, serviceLogger } from '../../runtime/service/logger.js';
import { LogDestination } from '../../runtime/service/log-destination.js';
import { petsService } from './support/pets-service.js';

const dir = mkdtempSync(join(tmpdir(), 'unilog-log-'));
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const services: Service[] = [];
afterAll(() => Promise.all(services.map((s) => s.stop())));

describe('the access log', () => {
  it('writes one line per response, in the form pino gives a request logger line', async () => {
    const file = join(dir, 'access.log');
    const logger = serviceLogger('pets', 'info', file);
    const service = await createService(petsService, { config: { server: { port: 0 }, admin: { port: 0 } }, logger });
    services.push(service);
    const res = await service.app.inject({ method: 'GET', url: '/pets?limit=2&tag=%22q%22', headers: { 'x-request-id': 'req-42' } });
    expect(res.statusCode).toBe(200);
    // The same fields through pino's own path, for comparison of the form.
    logger.child({ reqId: 'req-42' }).info({ method: 'GET', url: '/pets?limit=2&tag=%22q%22', status: 200, ms: 1.5 }, 'request');
    await flushLogger(logger);
    const [direct, viaPino] = lines(file).filter((l) => l['msg'] === 'request');
    expect(direct).toMatchObject({ level: 30, name: 'pets', reqId: 'req-42', method: 'GET', url: '/pets?limit=2&tag=%22q%22', status: 200, msg: 'request' });
    expect(Object.keys(direct!)).toEqual(Object.keys(viaPino!));
    expect(typeof direct!['ms']).toBe('number');
    expect(Math.abs((direct!['time'] as number) - Date.now())).toBeLessThan(60_000);
  });

  it("is the line pino writes for the request's fields", async () => {
    const file = join(dir, 'escape.log');
    const logger = serviceLogger('pets é', 'info', file);
    const service = await createService(petsService, { config: { server: { port: 0 }, admin: { port: 0 } }, logger });
    services.push(service);
    // inject() percent-encodes a quote; the socket test below sends one as it is.
    const url = '/nowhere/%22quoted%22?q=%C3%A9';
    const res = await service.app.inject({ method: 'GET', url, headers: { 'x-request-id': 'r1' } });
    expect(res.statusCode).toBe(404);
    await flushLogger(logger);
    const [line] = readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('"msg":"request"'));
    const fields = JSON.parse(line!) as Record<string, unknown>;
    expect(fields).toMatchObject({ name: 'pets é', reqId: 'r1', method: 'GET', url, status: 404, msg: 'request' });
    logger.child({ reqId: 'r1' }).info({ method: 'GET', url, status: 404, ms: fields['ms'] }, 'request');
    await flushLogger(logger);
    const viaPino = readFileSync(file, 'utf8').split('\n').filter(Boolean).at(-1)!;
    expect(line!.replace(/"time":\d+/, '')).toBe(viaPino.replace(/"time":\d+/, ''));
  });

  it("logs a handler's failure with the request id and the error (request loggers are made on first use)", async () => {
    const file = join(dir, 'error.log');
    const logger = serviceLogger('pets', 'info', file);
    const service = await createService(petsService, { config: { server: { port: 0 }, admin: { port: 0 } }, logger });
    services.push(service);
    const res = await service.app.inject({ method: 'POST', url: '/pets', payload: { name: 'boom' }, headers: { 'x-request-id': 'req-boom' } });
    expect(res.statusCode).toBe(500);
    await flushLogger(logger);
    const failure = lines(file).find((l) => l['level'] === 50);
    expect(failure).toMatchObject({ name: 'pets', reqId: 'req-boom', msg: 'handler failed', err: { type: 'Error', message: 'secret internals' } });
    expect((failure!['err'] as { stack: string }).stack).toContain('secret internals');
  });

  it('over a real socket, reports every response once: access line, metrics by route and status, request loggers', async () => {
    const file = join(dir, 'socket.log');
    const logger = serviceLogger('pets', 'info', file);
    const service = await createService(petsService, { config: { server: { host: '127.0.0.1', port: 0 }, admin: { host: '127.0.0.1', port: 0 } }, logger });
    services.push(service);
    const { app, admin } = await service.start();
    const get = (path: string, init: RequestInit = {}) => fetch(`${app}${path}`, init).then(async (r) => [r.status, await r.text()] as const);
    expect((await get('/pets', { headers: { 'x-request-id': 'ok-1' } }))[0]).toBe(200);
    expect((await get('/pets?limit=99', { headers: { 'x-request-id': 'bad-1' } }))[0]).toBe(400);
    expect((await get('/nowhere', { headers: { 'x-request-id': 'lost-1' } }))[0]).toBe(404);
    expect((await get('/pets', { method: 'HEAD' }))[0]).toBe(200);
    const boom = { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'boom-1' }, body: '{"name":"boom"}' };
    expect((await get('/pets', boom))[0]).toBe(500);
    // fetch would percent-encode these; a raw request sends what node's parser accepts as it is.
    const raw = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(app);
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('GET /odd/"q"\\x HTTP/1.1\r\nHost: x\r\nx-request-id: raw-1\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString())).on('end', () => resolve(text)).on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1.1 404 /);
    const metrics = await (await fetch(`${admin}/metrics`)).text();
    for (const series of [
      'method="GET",route="/pets",status="200"} 1',
      'method="GET",route="/pets",status="400"} 1',
      'method="HEAD",route="/pets",status="200"} 1',
      'method="POST",route="/pets",status="500"} 1',
      'method="GET",route="unmatched",status="404"} 2',
    ]) {
      expect(metrics).toContain(`http_requests_total{${series}`);
    }
    await flushLogger(logger);
    const logged = lines(file);
    const access = logged.filter((l) => l['msg'] === 'request');
    expect(access.map((l) => [l['reqId'], l['method'], l['url'], l['status']])).toEqual([
      ['ok-1', 'GET', '/pets', 200],
      ['bad-1', 'GET', '/pets?limit=99', 400],
      ['lost-1', 'GET', '/nowhere', 404],
      [expect.any(String), 'HEAD', '/pets', 200],
      ['boom-1', 'POST', '/pets', 500],
      ['raw-1', 'GET', '/odd/"q"\\x', 404],
    ]);
    for (const line of access) expect(line['ms']).toBeGreaterThan(0);
    expect(logged.find((l) => l['level'] === 50)).toMatchObject({ reqId: 'boom-1', msg: 'handler failed' });
  });

  it('writes nothing per request when the level is above info', async () => {
    const file = join(dir, 'warn.log');
    const logger = serviceLogger('pets', 'warn', file);
    const service = await createService(petsService, { config: { server: { port: 0 }, admin: { port: 0 } }, logger });
    services.push(service);
    await service.app.inject({ method: 'GET', url: '/pets' });
    await flushLogger(logger);
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});

describe('LogDestination', () => {
  it('keeps every line in order across batches', async () => {
    const file = join(dir, 'batches.log');
    const d = new LogDestination(file);
    for (let i = 0; i < 5000; i++) d.write(`${JSON.stringify({ i, pad: 'x'.repeat(i % 50) })}\n`);
    await new Promise<void>((resolve) => d.flush(() => resolve()));
    expect(lines(file).map((l) => l['i'])).toEqual([...Array(5000).keys()]);
    d.end();
  });

  it('holds a short batch back until flushed (one write per batch, not per line)', () => {
    const file = join(dir, 'held.log');
    const d = new LogDestination(file);
    d.write('{"a":1}\n');
    expect(readFileSync(file, 'utf8')).toBe('');
    d.flushSync();
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
    d.end();
  });

  it('waits out a blocked pipe in order, and past its limit drops lines and says how many', async () => {
    const fifo = join(dir, 'blocked.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // Both ends non-blocking: writes past the pipe's capacity (64 KiB on Linux) fail with EAGAIN until it is read.
    const writeEnd = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);
    const readEnd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const d = new LogDestination(writeEnd, { maxStalledBytes: 200_000 });
    const line = (i: number) => `${JSON.stringify({ i, pad: 'x'.repeat(100) })}\n`;
    for (let i = 0; i < 4000; i++) d.write(line(i)); // ~470 kB: 64 kB in the pipe, 200 kB waiting, the rest dropped
    d.flush();
    const chunks: Buffer[] = [];
    const drain = () => {
      const buf = Buffer.alloc(1 << 16);
      for (;;) {
        let n = 0;
        try {
          n = readSync(readEnd, buf);
        } catch {
          return; // EAGAIN: nothing to read just now
        }
        if (n === 0) return;
        chunks.push(Buffer.from(buf.subarray(0, n)));
      }
    };
    for (let t = 0; t < 100; t++) {
      drain();
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    const got = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const numbered = got.filter((l) => typeof l['i'] === 'number').map((l) => l['i'] as number);
    expect(numbered).toEqual([...numbered.keys()]); // a gap-free prefix, in order
    expect(numbered.length).toBeGreaterThan(2000);
    expect(numbered.length).toBeLessThan(4000);
    expect(got.at(-1)).toMatchObject({ level: 40, msg: `the log's destination was blocked: ${4000 - numbered.length} line(s) dropped` });
    d.end();
    closeSync(writeEnd);
    closeSync(readEnd);
  });

  it('writes what is pending when the process exits right after logging', () => {
    const file = join(dir, 'exit.log');
    const script = `import { serviceLogger } from ${JSON.stringify(join(process.cwd(), 'dist/runtime/service/logger.js'))};
      const log = serviceLogger('x', 'info', ${JSON.stringify(file)});
      for (let i = 0; i < 3; i++) log.info({ i }, 'last words');
      process.exit(3);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.status).toBe(3);
    expect(lines(file).map((l) => l['i'])).toEqual([0, 1, 2]);
  });
});
