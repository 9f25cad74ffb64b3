/**
 * Retry policy of the consumer: bounded attempts, exponential backoff with jitter (as kafkajs's retrier: each delay is
 * the previous one times `factor`, randomised by ±`jitter`, capped at `maxDelayMs`), and a sleep that a stop cuts short.
 */
import { UnilogError } from '../errors.js';

export interface RetryPolicy {
  /** Handler calls per record in total, the first included (1 = no retry). */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly factor: number;
  /** 0..1: each delay is drawn from [d·(1−jitter), d·(1+jitter)], then capped at maxDelayMs. */
  readonly jitter: number;
}

export type RetryOptions = Partial<RetryPolicy>;

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 200, maxDelayMs: 10_000, factor: 2, jitter: 0.2 };

export function normaliseRetry(options: RetryOptions | undefined): RetryPolicy {
  const p = { ...DEFAULT_RETRY, ...options };
  const bad = (what: string): UnilogError => new UnilogError('INVALID_CONFIG', `retry: ${what}`);
  if (!Number.isInteger(p.attempts) || p.attempts < 1) throw bad(`attempts must be an integer ≥ 1, found ${p.attempts}`);
  if (!(p.initialDelayMs >= 0) || !(p.maxDelayMs >= p.initialDelayMs)) {
    throw bad(`need 0 ≤ initialDelayMs ≤ maxDelayMs, found ${p.initialDelayMs} and ${p.maxDelayMs}`);
  }
  if (!(p.factor >= 1)) throw bad(`factor must be ≥ 1, found ${p.factor}`);
  if (!(p.jitter >= 0 && p.jitter <= 1)) throw bad(`jitter must be in [0, 1], found ${p.jitter}`);
  return p;
}

/** The wait after the `failures`-th failed attempt (1-based), in ms. */
export function backoffDelay(policy: RetryPolicy, failures: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (failures - 1));
  const spread = base * policy.jitter;
  return Math.min(policy.maxDelayMs, Math.round(base - spread + 2 * spread * random()));
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (slept: boolean): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(slept);
    };
    const onAbort = (): void => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
