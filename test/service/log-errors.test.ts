/** An error in the service log: its message reads once, with the causes it does not already quote. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flushLogger, serviceLogger } from '../../runtime/service/logger.js';
import { ManagedStartError } from '../../runtime/service/lifecycle/lifecycle.js';

const dir = mkdtempSync(join(tmpdir(), 'unilog-log-errors-'));

async function loggedErr(err: Error): Promise<Record<string, unknown>> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.log`);
  const log = serviceLogger('svc', 'info', file);
  log.fatal({ err }, 'svc did not start');
  await flushLogger(log);
  const line = JSON.parse(readFileSync(file, 'utf8').trim()) as { err: Record<string, unknown> };
  return line.err;
}

describe('errors in the service log', () => {
  it('quotes a startup failure once, then the causes its message does not hold', async () => {
    // What runService logs when the registry is down: a lifecycle error around the registry's, around fetch's.
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:18081');
    const fetchFailed = new TypeError('fetch failed', { cause: refused });
    const registry = new Error('schema registry: cannot reach the registry (connect ECONNREFUSED 127.0.0.1:18081)', { cause: fetchFailed });
    const err = await loggedErr(new ManagedStartError('producer:opinions', registry));
    expect(err['message']).toBe(
      'producer:opinions did not start: schema registry: cannot reach the registry (connect ECONNREFUSED 127.0.0.1:18081): fetch failed',
    );
    expect(err['type']).toBe('ManagedStartError');
    expect(err['code']).toBe('MANAGED_START_FAILED');
    expect(err['stack']).toContain('caused by: TypeError: fetch failed');
  });

  it('still appends a cause that the message does not mention', async () => {
    const err = await loggedErr(new Error('loading users failed', { cause: new Error('disk full') }));
    expect(err['message']).toBe('loading users failed: disk full');
  });

  it('survives a cause cycle', async () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect((await loggedErr(a))['message']).toBe('a: b');
  });
});
