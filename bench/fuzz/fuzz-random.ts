/**
 * The fuzzers' seeded randomness: the same seed tries the same inputs, so a failure found by a long run is replayed
 * by its seed.
 */
import { prng } from '../codegen/synthetic-corpus.js';

export interface Random {
  /** [0, 1) */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(n: number): Uint8Array;
}

export function seededRandom(seed: number): Random {
  const next = prng(seed);
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: (items) => items[int(items.length)]!,
    bytes: (n) => Uint8Array.from({ length: n }, () => int(256)),
  };
}
