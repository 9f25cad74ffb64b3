/**
 * Random and mutated bytes into decoders. Every call must end quickly with a value or a coded error (a CodecError
 * code); a call that throws anything else, takes longer than `slowMs`, or makes the heap grow past `maxGrowthBytes`
 * is a failure, reported with the codec, the input (hex) and what happened. Inputs that decoded become a corpus that
 * later inputs mutate, so the fuzzer reaches past the first field. Length prefixes far beyond the input (2^31, 2^53,
 * negative) are spliced in on purpose: a decoder must not allocate what the input cannot hold.
 */
import { CODEC_ERROR_CODES } from '../../runtime/codec/errors.js';
import { seededRandom, type Random } from './fuzz-random.js';

export interface Decoder {
  decode(bytes: Uint8Array): unknown;
}

export interface DecoderFuzzOptions {
  readonly seed: number;
  /** Calls per decoder (the test's bound); with `deadlineMs`, whichever comes first. */
  readonly callsPerDecoder: number;
  readonly deadlineMs?: number;
  readonly slowMs?: number;
  readonly maxGrowthBytes?: number;
}

export interface DecoderFuzzReport {
  readonly decoders: number;
  readonly calls: number;
  /** Calls that returned a value. */
  readonly values: number;
  /** Coded errors by code. */
  readonly errors: Readonly<Record<string, number>>;
  readonly slowestMs: number;
  readonly maxHeapGrowthBytes: number;
  readonly failures: readonly string[];
}

/** Zig-zag varints a hostile length prefix may hold. */
const HUGE = [2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 40, 2 ** 53 - 1, -1, -(2 ** 31), 1_000_000_000];

function varint(n: number): number[] {
  let z = n >= 0 ? BigInt(n) * 2n : BigInt(-n) * 2n - 1n;
  const out: number[] = [];
  do {
    let b = Number(z & 0x7fn);
    z >>= 7n;
    if (z > 0n) b |= 0x80;
    out.push(b);
  } while (z > 0n);
  return out;
}

function mutate(input: Uint8Array, r: Random): Uint8Array {
  const bytes = [...input];
  const at = r.int(bytes.length + 1);
  switch (r.int(7)) {
    case 0: // flip a bit
      if (bytes.length) bytes[at % bytes.length]! ^= 1 << r.int(8);
      break;
    case 1: // an interesting byte
      if (bytes.length) bytes[at % bytes.length] = r.pick([0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff]);
      break;
    case 2: // a hostile length prefix spliced in
      bytes.splice(at, r.int(2), ...varint(r.pick(HUGE)));
      break;
    case 3: // truncate
      bytes.length = at;
      break;
    case 4: // random bytes inserted
      bytes.splice(at, 0, ...r.bytes(1 + r.int(8)));
      break;
    case 5: // a byte deleted
      bytes.splice(at, 1);
      break;
    default: // a run of continuation bits (an endless varint)
      bytes.splice(at, 0, ...new Array<number>(1 + r.int(16)).fill(0xff));
  }
  return Uint8Array.from(bytes);
}

const memory = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

export function fuzzDecoders(decoders: Readonly<Record<string, Decoder>>, options: DecoderFuzzOptions): DecoderFuzzReport {
  const r = seededRandom(options.seed);
  const slowMs = options.slowMs ?? 250;
  const maxGrowth = options.maxGrowthBytes ?? 256 * 1024 * 1024;
  const deadline = options.deadlineMs === undefined ? Infinity : performance.now() + options.deadlineMs;
  const errors: Record<string, number> = {};
  const failures: string[] = [];
  let [calls, values, slowest, maxGrowthSeen] = [0, 0, 0, 0];
  const base = memory();
  const names = Object.keys(decoders);
  const corpus = new Map<string, Uint8Array[]>(names.map((n) => [n, []]));
  /** One call, checked: the error code, '' for a value, undefined after a failure (recorded). */
  const attempt = (name: string, input: Uint8Array): string | undefined => {
    const t0 = performance.now();
    let outcome: string | undefined;
    let code = '';
    try {
      decoders[name]!.decode(input);
      values++;
    } catch (e) {
      const c = (e as { code?: unknown }).code;
      if (typeof c === 'string' && Object.hasOwn(CODEC_ERROR_CODES, c)) errors[(code = c)] = (errors[c] ?? 0) + 1;
      else outcome = `threw ${(e as Error)?.name ?? typeof e} without a codec code: ${String((e as Error)?.message ?? e).slice(0, 200)}`;
    }
    const ms = performance.now() - t0;
    slowest = Math.max(slowest, ms);
    if (outcome === undefined && ms > slowMs) outcome = `took ${ms.toFixed(0)} ms`;
    calls++;
    if (calls % 256 === 0) {
      const growth = memory() - base;
      maxGrowthSeen = Math.max(maxGrowthSeen, growth);
      if (growth > maxGrowth) outcome ??= `heap grew by ${(growth / 2 ** 20).toFixed(0)} MB`;
    }
    if (outcome === undefined) return code;
    if (failures.length < 20) failures.push(`${name}: ${outcome} (input ${Buffer.from(input).toString('hex').slice(0, 120)})`);
    return undefined;
  };
  const keep = (seen: Uint8Array[], input: Uint8Array): void => {
    if (seen.length < 64) seen.push(input);
    else seen[r.int(64)] = input;
  };
  for (let round = 0; round < options.callsPerDecoder && performance.now() < deadline; round++) {
    for (const name of names) {
      const seen = corpus.get(name)!;
      const input = seen.length > 0 && r.next() < 0.7 ? mutate(r.pick(seen), r) : r.next() < 0.2 ? Uint8Array.from([...varint(r.pick(HUGE)), ...r.bytes(r.int(16))]) : r.bytes(r.int(48));
      const code = attempt(name, input);
      if (code === '') keep(seen, input);
      // A valid value followed by extra bytes: its shortest decodable prefix joins the corpus.
      if (code === 'TRAILING_BYTES') {
        for (let k = 0; k < input.length; k++) {
          if (attempt(name, input.subarray(0, k)) === '') {
            keep(seen, input.slice(0, k));
            break;
          }
        }
      }
    }
  }
  return { decoders: names.length, calls, values, errors, slowestMs: slowest, maxHeapGrowthBytes: maxGrowthSeen, failures };
}
