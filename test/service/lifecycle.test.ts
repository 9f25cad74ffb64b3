/**
 * Lifecycle over real sockets: managed objects start in order and stop in reverse, a request in flight when the
 * service stops (by `stop()` or by SIGTERM to a real process) completes, and new work is refused meanwhile.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createService, ManagedStartError } from '../../runtime/service/index.js';
import { REPO } from '../support/generate-into.js';
import { petsContract } from './support/pets-contract.js';
import { petsService, petsServiceFor } from './support/pets-service.js';

const silent = pino({ level: 'silent' });

describe('lifecycle', () => {
  it('starts managed objects in order before the port opens and stops them in reverse after it closed', async () => {
    const events: string[] = [];
    const service = await createService(
      {
        contract: petsContract,
        setup(env) {
          for (const name of ['a', 'b', 'c']) env.manage(name, { start: () => void events.push(`start ${name}`), stop: () => void events.push(`stop ${name}`) });
          return { pets: new Map() };
        },
        handlers: petsService.handlers,
      },
      { config: { server: { host: '127.0.0.1', port: 0 }, admin: { port: 0 } }, logger: silent },
    );
    const urls = await service.start();
    events.push('listening');
    expect((await fetch(`${urls.app}/pets`)).status).toBe(200);
    expect(await (await fetch(`${urls.admin}/ping`)).text()).toBe('pong\n');
    await service.stop();
    expect(events).toEqual(['start a', 'start b', 'start c', 'listening', 'stop c', 'stop b', 'stop a']);
    await expect(fetch(`${urls.app}/pets`)).rejects.toThrow();
  });

  it('stops what started when a managed object fails to start, and never opens the port', async () => {
    const events: string[] = [];
    const service = await createService(
      {
        contract: petsContract,
        setup(env) {
          env.manage('ok', { start: () => void events.push('start ok'), stop: () => void events.push('stop ok') });
          env.manage('broken', { start: () => Promise.reject(new Error('no database')), stop: () => void events.push('stop broken') });
          return { pets: new Map() };
        },
        handlers: petsService.handlers,
      },
      { config: { server: { host: '127.0.0.1', port: 0 }, admin: { port: 0 } }, logger: silent },
    );
    const started = service.start();
    await expect(started).rejects.toThrow(ManagedStartError);
    await expect(started).rejects.toThrow('broken did not start: no database');
    expect(events).toEqual(['start ok', 'stop ok']);
  });

  it('lets a request in flight finish when stop() is called, and refuses connections afterwards', async () => {
    const service = await petsServiceFor();
    const { app } = await service.start();
    const inFlight = fetch(`${app}/slow?ms=400`);
    await new Promise((r) => setTimeout(r, 100));
    const stopped = service.stop();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ waited: 400 });
    await stopped;
    await expect(fetch(`${app}/pets`)).rejects.toThrow();
  });
});

describe('SIGTERM', () => {
  const script = join(REPO, 'test', 'service', 'support', 'sigterm-service.mjs');

  function runChild(env: Record<string, string> = {}) {
    if (!existsSync(join(REPO, 'dist', 'runtime', 'service', 'index.js'))) throw new Error('run `npm run build` first: this test runs the compiled runtime');
    const child = spawn(process.execPath, [script], { env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Array<Record<string, unknown>> = [];
    let buffer = '';
    let onLine: (() => void) | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let i;
      while ((i = buffer.indexOf('\n')) >= 0) {
        lines.push(JSON.parse(buffer.slice(0, i)) as Record<string, unknown>);
        buffer = buffer.slice(i + 1);
        onLine?.();
      }
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waitFor = (msg: string): Promise<Record<string, unknown>> =>
      new Promise((resolve) => {
        const check = (): void => {
          const found = lines.find((l) => l['msg'] === msg);
          if (found) resolve(found);
        };
        onLine = check;
        check();
      });
    return { child, lines, exited, waitFor };
  }

  it('finishes the request in flight, stops managed objects in reverse and exits 0', async () => {
    const { child, lines, exited, waitFor } = runChild();
    const started = await waitFor('slow started');
    const inFlight = fetch(`${started['app'] as string}/slow?ms=700`);
    await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ waited: 700 });
    expect(await exited).toBe(0);
    expect(lines.filter((l) => l['level'] === 40)).toEqual([]);
    const messages = lines.map((l) => l['msg']).filter((m) => typeof m === 'string' && !/^(started |Server listening|request$)/.test(m));
    expect(messages).toEqual([
      'first started', 'second started', 'slow started', 'SIGTERM: stopping slow',
      'application port closed; in-flight requests finished', 'second stopped', 'stopped second', 'first stopped', 'stopped first', 'slow stopped',
    ]);
  });

  it('exits 1 when stopping takes longer than shutdown.graceMs', async () => {
    const { child, exited, waitFor } = runChild({ GRACE_MS: '200' });
    const started = await waitFor('slow started');
    const inFlight = fetch(`${started['app'] as string}/slow?ms=3000`).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM');
    expect(await exited).toBe(1);
    expect(await inFlight).toBe('aborted');
  });
});
