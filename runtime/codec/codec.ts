/**
 * `createCodec`: an Avro JSON schema bound to a compiled encoder and decoder. Creating a codec only normalises the
 * options; the schema is parsed and compiled on first use (generated modules create hundreds of codecs at import).
 */
import { CodecError, INVALID, type CodecIssue } from './errors.js';
import { canonicalForm } from './canonical.js';
import type { CompiledType, DecodeFn } from './compiled-type.js';
import { Compiler } from './compile.js';
import { checkFrame, checkSchemaId, HEADER_SIZE, readSchemaId, writeHeader } from './framing.js';
import { fullNameOf, PRIMITIVE_NAMES, shortNameOf } from './names.js';
import { normaliseOptions, type CodecContext, type CodecOptions } from './options.js';
import { expandSchema } from './expand-schema.js';
import { parseSchema, type NamedSchemaLookup } from './parse-schema.js';
import { Reader } from './reader.js';
import { Resolution } from './resolve.js';
import type { AvroSchema } from './schema-json.js';
import type { ParsedSchema } from './nodes.js';
import { Writer } from './writer.js';

export interface Decoder<R> {
  /** Decodes one value starting at `offset` (default 0); the value must end where `bytes` ends. */
  decode(bytes: Uint8Array, offset?: number): R;
}

export interface Codec<R, W = R> {
  /** The JSON schema given (for generated codecs: the type's own definition, naming the types it uses). */
  readonly schema: AvroSchema;
  /** The schema with every named type it uses defined inline: what a schema registry is given. */
  standaloneSchema(): AvroSchema;
  /** Full name of a named type, else the type name ('array', 'union', 'string' …). */
  readonly name: string;
  /** Raw Avro binary. Throws INVALID_VALUE naming the path and the expected type. */
  encode(value: W): Buffer;
  /** Raw Avro binary; TRUNCATED or TRAILING_BYTES unless `bytes` holds exactly one value. */
  decode(bytes: Uint8Array): R;
  /** Confluent wire format: 0x00, 4-byte big-endian schema id, body, in one buffer. */
  encodeFramed(value: W, schemaId: number): Buffer;
  /** Checks the magic byte and decodes the body with this schema (the id is not looked at). */
  decodeFramed(bytes: Uint8Array): R;
  /** The schema id of a framed message. */
  schemaIdOf(bytes: Uint8Array): number;
  /** Every problem with `value`, each with its path; [] when it can be encoded. */
  validate(value: unknown): CodecIssue[];
  isValid(value: unknown): value is W;
  /** Reads data written with `writerSchema` as this codec's values; throws INCOMPATIBLE_SCHEMA if it cannot. */
  resolver(writerSchema: AvroSchema): Decoder<R>;
}

/** Shared scratch for every encode (grown by doubling, never zero-filled), and the encode-to-validate probe. */
let scratch = new Writer(4096);
let busy = false;
const probe = new Writer(1024);
const SCRATCH_KEEP = 4 * 1024 * 1024;
const reader = new Reader();

function nameOfSchema(schema: unknown): string {
  if (typeof schema === 'string') return schema;
  if (Array.isArray(schema)) return 'union';
  if (typeof schema !== 'object' || schema === null) return 'invalid';
  const s = schema as { type?: unknown; name?: unknown; namespace?: unknown };
  if (typeof s.type === 'object' && s.type !== null) return nameOfSchema(s.type);
  if (typeof s.name === 'string' && (s.type === 'record' || s.type === 'error' || s.type === 'enum' || s.type === 'fixed')) {
    return fullNameOf(s.name, typeof s.namespace === 'string' ? s.namespace : undefined, '');
  }
  return typeof s.type === 'string' ? s.type : 'invalid';
}

interface Compiled {
  readonly parsed: ParsedSchema;
  readonly compiler: Compiler;
  readonly type: CompiledType;
  canonical?: string;
}

class AvroCodec<R, W> implements Codec<R, W> {
  readonly name: string;
  private readonly ctx: CodecContext;
  private readonly label: string;
  private compiled: Compiled | undefined;
  private resolvers: Map<string, Decoder<R>> | undefined;

  private standalone: AvroSchema | undefined;

  constructor(
    readonly schema: AvroSchema,
    options: CodecOptions | undefined,
    private readonly named: NamedSchemaLookup | undefined,
  ) {
    this.ctx = normaliseOptions(options);
    this.name = nameOfSchema(schema);
    this.label = PRIMITIVE_NAMES.has(this.name) ? this.name : shortNameOf(this.name);
  }

  private compile(): Compiled {
    if (!this.compiled) {
      const parsed = parseSchema(this.schema, this.named);
      const compiler = new Compiler(parsed, this.ctx);
      this.compiled = { parsed, compiler, type: compiler.get(parsed.root) };
    }
    return this.compiled;
  }

  standaloneSchema(): AvroSchema {
    this.standalone ??= this.named ? expandSchema(this.schema, this.named) : this.schema;
    return this.standalone;
  }

  private type(): CompiledType {
    return (this.compiled ?? this.compile()).type;
  }

  encode(value: W): Buffer {
    return this.encodeFrom(value, 0, 0);
  }

  encodeFramed(value: W, schemaId: number): Buffer {
    checkSchemaId(schemaId);
    return this.encodeFrom(value, HEADER_SIZE, schemaId);
  }

  /** Encodes into the shared scratch after `start` reserved bytes (the frame header, when framed), then copies out. */
  private encodeFrom(value: W, start: number, schemaId: number): Buffer {
    const t = (this.compiled ?? this.compile()).type;
    const w = busy ? new Writer(256) : scratch; // a nested encode (from a getter) gets a writer of its own
    busy = true;
    w.pos = start;
    try {
      t.encode(w, value);
    } catch (e) {
      throw this.encodeError(e, value);
    } finally {
      if (w === scratch) busy = false;
    }
    if (start) writeHeader(w.buf, schemaId);
    const out = w.copyOut();
    if (w.buf.length > SCRATCH_KEEP && w === scratch) scratch = new Writer(4096);
    return out;
  }

  private encodeError(e: unknown, value: unknown): unknown {
    if (e !== INVALID) return e;
    const issues = this.validate(value);
    const first = issues[0] ?? { path: this.label, message: 'value does not match the schema' };
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more issue(s))` : '';
    return new CodecError('INVALID_VALUE', `${first.message}${more}`, { path: first.path, issues });
  }

  decode(bytes: Uint8Array): R {
    return this.run(this.type().decode, bytes, 0);
  }

  decodeFramed(bytes: Uint8Array): R {
    checkFrame(bytes);
    return this.run(this.type().decode, bytes, HEADER_SIZE);
  }

  schemaIdOf(bytes: Uint8Array): number {
    return readSchemaId(bytes);
  }

  private run(fn: DecodeFn, bytes: Uint8Array, offset: number): R {
    const r = reader.reset(bytes, offset);
    let v: unknown;
    try {
      v = fn(r);
      if (r.pos !== r.end) {
        throw r.pos > r.end
          ? r.truncated()
          : new CodecError('TRAILING_BYTES', `${r.end - r.pos} byte(s) left after the value`, { path: this.label });
      }
    } catch (e) {
      throw this.decodeError(e, r);
    } finally {
      r.release();
    }
    return v as R;
  }

  private decodeError(e: unknown, r: Reader): unknown {
    if (!(e instanceof CodecError)) return e;
    if (r.pos > r.end && e.code !== 'TRUNCATED') {
      return new CodecError('TRUNCATED', r.truncated().detail, { path: this.label + e.path, cause: e });
    }
    return e.path.startsWith(this.label) ? e : e.prependPath(this.label);
  }

  validate(value: unknown): CodecIssue[] {
    const issues: CodecIssue[] = [];
    this.type().check(value, this.label, issues);
    return issues;
  }

  isValid(value: unknown): value is W {
    const t = this.type();
    probe.pos = 0;
    try {
      t.encode(probe, value);
      return true;
    } catch (e) {
      if (e === INVALID) return false;
      throw e;
    }
  }

  resolver(writerSchema: AvroSchema): Decoder<R> {
    const key = JSON.stringify(writerSchema);
    this.resolvers ??= new Map();
    let d = this.resolvers.get(key);
    if (!d) {
      const c = this.compiled ?? this.compile();
      const writer = parseSchema(writerSchema);
      c.canonical ??= canonicalForm(c.parsed.root);
      const fn =
        canonicalForm(writer.root) === c.canonical
          ? c.type.decode
          : new Resolution(c.compiler).resolve(writer.root, c.parsed.root, this.label);
      d = { decode: (bytes, offset = 0) => this.run(fn, bytes, offset) };
      this.resolvers.set(key, d);
    }
    return d;
  }
}

/**
 * Binds an Avro JSON schema to a codec. Cheap: parsing and compiling happen on first use. `named` supplies the
 * definitions of named types the schema refers to without defining them (generated code passes its lookup).
 */
export function createCodec<R, W = R>(schema: AvroSchema, options?: CodecOptions, named?: NamedSchemaLookup): Codec<R, W> {
  return new AvroCodec<R, W>(schema, options, named);
}
