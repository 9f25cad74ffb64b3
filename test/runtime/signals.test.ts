/** stopOnSignals: the first signal stops everything once, a second one exits, and unwiring removes the listeners. */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { stopOnSignals } from '../../runtime/index.js';

afterEach(() => vi.restoreAllMocks());

describe('stopOnSignals', () => {
  test('the first signal stops consumers and disconnects producers, in parallel, then reports', async () => {
    const calls: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const stopped = new Promise<unknown>((resolve) => {
      stopOnSignals(
        [
          { stop: async () => void calls.push('consumer') },
          { disconnect: async () => void calls.push('producer') },
          { stop: () => (calls.push('replay'), slow) },
        ],
        { signals: ['SIGUSR2'], onStopped: resolve },
      );
    });
    const before = process.listenerCount('SIGUSR2');
    process.emit('SIGUSR2');
    expect(calls).toEqual(['consumer', 'producer', 'replay']);
    release();
    expect(await stopped).toBeUndefined();
    expect(process.listenerCount('SIGUSR2')).toBe(before - 1);
  });

  test('the first failure is reported to onStopped', async () => {
    const failure = new Error('leave group failed');
    const reported = new Promise<unknown>((resolve) => {
      stopOnSignals({ stop: () => Promise.reject(failure) }, { signals: ['SIGUSR2'], onStopped: resolve });
    });
    process.emit('SIGUSR2');
    expect(await reported).toBe(failure);
  });

  test('a second signal while stopping exits with code 1', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    const unwire = stopOnSignals({ stop: () => new Promise<void>(() => undefined) }, { signals: ['SIGUSR2'] });
    process.emit('SIGUSR2');
    expect(exit).not.toHaveBeenCalled();
    process.emit('SIGUSR2');
    expect(exit).toHaveBeenCalledWith(1);
    unwire();
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });

  test('by default SIGTERM and SIGINT stop; without onStopped a failure sets exit code 1, a clean stop leaves it', async () => {
    const before = { term: process.listeners('SIGTERM'), int: process.listeners('SIGINT') };
    const added = (signal: NodeJS.Signals, old: unknown[]) => process.listeners(signal).filter((l) => !old.includes(l));
    const exitCode = process.exitCode;
    try {
      let stopped!: () => void;
      const clean = new Promise<void>((r) => (stopped = r));
      const unwire = stopOnSignals({ stop: async () => stopped() });
      const [onTerm] = added('SIGTERM', before.term);
      expect(added('SIGINT', before.int)).toEqual([onTerm]);
      onTerm!('SIGTERM');
      await clean;
      await new Promise((r) => setTimeout(r, 0));
      expect(process.exitCode).toBe(exitCode);
      unwire();

      const failing = stopOnSignals({ stop: () => Promise.reject(new Error('leave group failed')) });
      added('SIGINT', before.int)[0]!('SIGINT');
      await new Promise((r) => setTimeout(r, 0));
      expect(process.exitCode).toBe(1);
      failing();
    } finally {
      process.exitCode = exitCode;
    }
    expect([process.listeners('SIGTERM'), process.listeners('SIGINT')]).toEqual([before.term, before.int]);
  });
});
