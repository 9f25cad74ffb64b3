/** Retry policy: exponential delays, jitter bounds, the cap, validation, and a sleep a stop cuts short. */
import { describe, expect, test } from 'vitest';
import { backoffDelay, DEFAULT_RETRY, normaliseRetry } from '../../runtime/kafka/backoff.js';
import { sleep } from '../../runtime/kafka/backoff.js';

const policy = normaliseRetry({ attempts: 8, initialDelayMs: 100, maxDelayMs: 1000, factor: 2, jitter: 0.2 });

describe('backoffDelay', () => {
  test('doubles from initialDelayMs and stops at maxDelayMs (jitter at its midpoint)', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(policy, n, () => 0.5))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  test('jitter spreads each delay over [d·(1−j), d·(1+j)], still capped', () => {
    expect([1, 2, 3].map((n) => backoffDelay(policy, n, () => 0))).toEqual([80, 160, 320]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(policy, n, () => 0.999999))).toEqual([120, 240, 480, 960]);
    expect(backoffDelay(policy, 5, () => 0.999999)).toBe(1000);
    expect(backoffDelay(policy, 5, () => 0)).toBe(800);
  });

  test('without jitter the delays are exact', () => {
    const p = normaliseRetry({ initialDelayMs: 5, maxDelayMs: 40, jitter: 0, factor: 3 });
    expect([1, 2, 3].map((n) => backoffDelay(p, n))).toEqual([5, 15, 40]);
  });

  test('defaults: 5 attempts from 200 ms, doubling to at most 10 s, ±20%', () => {
    expect(normaliseRetry(undefined)).toEqual(DEFAULT_RETRY);
    expect(DEFAULT_RETRY).toEqual({ attempts: 5, initialDelayMs: 200, maxDelayMs: 10_000, factor: 2, jitter: 0.2 });
  });

  test.each([
    [{ attempts: 0 }, /attempts must be an integer ≥ 1, found 0/],
    [{ attempts: 1.5 }, /attempts must be an integer/],
    [{ initialDelayMs: 500, maxDelayMs: 100 }, /need 0 ≤ initialDelayMs ≤ maxDelayMs, found 500 and 100/],
    [{ factor: 0.5 }, /factor must be ≥ 1/],
    [{ jitter: 2 }, /jitter must be in \[0, 1\]/],
  ])('INVALID_CONFIG for %j', (options, message) => {
    expect(() => normaliseRetry(options)).toThrow(message);
    expect(() => normaliseRetry(options)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });
});

describe('sleep', () => {
  test('resolves true after the delay, false at once when aborted', async () => {
    expect(await sleep(1)).toBe(true);
    const abort = new AbortController();
    const started = Date.now();
    const slept = sleep(10_000, abort.signal);
    setTimeout(() => abort.abort(), 10);
    expect(await slept).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await sleep(10_000, abort.signal)).toBe(false);
  });
});

describe('normaliseRetry boundaries', () => {
  test('the edge values are allowed: one attempt, no initial delay, factor 1, full jitter', () => {
    expect(normaliseRetry({ attempts: 1, initialDelayMs: 0, maxDelayMs: 0, factor: 1, jitter: 1 })).toEqual({
      attempts: 1,
      initialDelayMs: 0,
      maxDelayMs: 0,
      factor: 1,
      jitter: 1,
    });
    expect(() => normaliseRetry({ initialDelayMs: -1 })).toThrow(/need 0 ≤ initialDelayMs ≤ maxDelayMs, found -1/);
    expect(() => normaliseRetry({ jitter: -0.1 })).toThrow(/jitter must be in \[0, 1\]/);
  });
});
