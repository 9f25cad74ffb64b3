/**
 * Every generated decoder (generated/codecs.ts, the repository's schemas) against seeded random and mutated bytes:
 * each call ends with a value or a coded error, quickly, without growing the heap. Longer runs: bench/fuzz.mjs.
 */
import { expect, test } from 'vitest';
import { codecs } from '../../generated/codecs.js';
import { fuzzDecoders, type Decoder } from '../../bench/fuzz/decoder-fuzz.js';

test('random and mutated bytes: every generated decoder returns a value or a coded error, fast and in bounded memory', { timeout: 60_000 }, () => {
  const decoders: Record<string, Decoder> = Object.fromEntries(Object.keys(codecs).map((name) => [name, codecs[name as keyof typeof codecs] as Decoder]));
  const report = fuzzDecoders(decoders, { seed: 15, callsPerDecoder: 400 });
  expect(report.failures).toEqual([]);
  expect(report.decoders).toBe(Object.keys(codecs).length);
  // The run reached both outcomes, and the hostile lengths were refused, not allocated.
  expect(report.values).toBeGreaterThan(report.calls / 20);
  expect(report.errors['TRUNCATED']).toBeGreaterThan(0);
  expect(report.errors['INVALID_ENCODING']).toBeGreaterThan(0);
});
