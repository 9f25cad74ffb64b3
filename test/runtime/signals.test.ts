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
});
