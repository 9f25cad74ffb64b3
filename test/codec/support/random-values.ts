/**
 * Seeded random values in the codec's JS mapping, for round-trip property tests. Independent of avsc so schemas it
 * cannot handle (symbol `constructor`, field `__proto__`, logical types as mapped values) are covered too.
 */
import { Compiler } from '../../../runtime/codec/compile.js';
import { logicalOf } from '../../../runtime/codec/logical-types.js';
import type { Node } from '../../../runtime/codec/nodes.js';
import { normaliseOptions, type CodecOptions } from '../../../runtime/codec/options.js';
import { parseSchema } from '../../../runtime/codec/parse-schema.js';
import type { AvroSchema } from '../../../runtime/codec/schema-json.js';
import { prng } from '../../../bench/codegen/synthetic-corpus.js';

export { prng };


const ALPHABET = ['a', 'Z', '0', ' ', '_', 'é', 'ß', '€', '中', '😀', '\u0000', '"', '\\'];

/**
 * `protoKeys`: whether map keys may be `__proto__` (off when comparing with avsc, which drops such keys; the
 * awkward-names tests turn it on).
 */
export function randomValueGenerator(
  schema: AvroSchema,
  options: CodecOptions = {},
  seed = 1,
  protoKeys = false,
): () => unknown {
  const ctx = normaliseOptions(options);
  const parsed = parseSchema(schema);
  const compiler = new Compiler(parsed, ctx);
  const rnd = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const str = (max = 12): string => Array.from({ length: int(0, max) }, () => pick(ALPHABET)).join('');
  const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => int(0, 255)));
  const safeLong = (): number => pick([0, -1, 1, int(-1000, 1000), int(-(2 ** 31), 2 ** 31), Math.floor((rnd() - 0.5) * 2 ** 53)]);
  const bigLong = (): bigint => BigInt.asIntN(64, (BigInt(int(0, 2 ** 31)) << 33n) ^ BigInt(int(0, 2 ** 31)));

  function gen(node: Node, depth: number): unknown {
    const kind = node.kind;
    if (kind === 'int' || kind === 'long' || kind === 'string' || kind === 'bytes' || kind === 'fixed') {
      const size = kind === 'fixed' ? node.size : undefined;
      const info = logicalOf(node.json, kind, size, ctx);
      if (info) {
        switch (info.name) {
          case 'date':
            return info.mapping === 'date' ? new Date(int(-20000, 40000) * 86_400_000) : int(-20000, 40000);
          case 'time-millis':
            return int(0, 86_399_999);
          case 'uuid': {
            const h = bytes(16).toString('hex');
            return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
          }
          case 'duration':
            return { months: int(0, 2 ** 32 - 1), days: int(0, 1000), milliseconds: int(0, 2 ** 32 - 1) };
          case 'decimal': {
            const digits = Array.from({ length: int(1, info.precision) }, () => int(0, 9)).join('');
            const u = BigInt(digits) * (rnd() < 0.5 ? -1n : 1n);
            if (info.mapping === 'bigint') return u;
            const neg = u < 0n;
            const d = (neg ? -u : u).toString().padStart(info.scale + 1, '0');
            const cut = d.length - info.scale;
            return `${neg ? '-' : ''}${d.slice(0, cut)}${info.scale ? `.${d.slice(cut)}` : ''}`;
          }
          default:
            if (info.mapping === 'date') return new Date(int(-(2 ** 40), 2 ** 42));
            if (info.mapping === 'bigint') return bigLong();
            return safeLong();
        }
      }
    }
    switch (node.kind) {
      case 'null':
        return null;
      case 'boolean':
        return rnd() < 0.5;
      case 'int':
        return pick([0, -1, 2147483647, -2147483648, int(-(2 ** 31), 2 ** 31 - 1)]);
      case 'long':
        return ctx.long === 'bigint' ? pick([bigLong(), -(2n ** 63n), 2n ** 63n - 1n, 0n]) : safeLong();
      case 'float':
        return Math.fround((rnd() - 0.5) * 1e6);
      case 'double':
        return pick([(rnd() - 0.5) * 1e12, 0.1, -0.5, Number.MAX_VALUE, Number.MIN_VALUE]);
      case 'string':
        return str();
      case 'bytes':
        return bytes(int(0, 12));
      case 'fixed':
        return bytes(node.size);
      case 'enum':
        return pick(node.symbols);
      case 'array':
        return Array.from({ length: depth > 3 ? 0 : int(0, 4) }, () => gen(node.items, depth + 1));
      case 'map': {
        const out: Record<string, unknown> = {};
        const n = depth > 3 ? 0 : int(0, 4);
        for (let i = 0; i < n; i++) {
          const key = rnd() < 0.15 ? pick(protoKeys ? ['__proto__', 'constructor', 'toString', ''] : ['constructor', 'toString', '']) : str(6);
          Object.defineProperty(out, key, { value: gen(node.values, depth + 1), enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      case 'union': {
        const { wrapped, names } = compiler.unionShape(node);
        const nullAt = node.branches.findIndex((b) => b.kind === 'null');
        const i = depth > 3 && nullAt >= 0 ? nullAt : int(0, node.branches.length - 1);
        const b = node.branches[i]!;
        const v = gen(b, depth + 1);
        return b.kind === 'null' || !wrapped ? v : { [names[i]!]: v };
      }
      case 'record': {
        const out: Record<string, unknown> = {};
        for (const f of node.fields) {
          Object.defineProperty(out, f.name, { value: gen(f.type, depth + 1), enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
    }
  }
  return () => gen(parsed.root, 0);
}
