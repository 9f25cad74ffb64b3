/**
 * `createCodec`: an Avro JSON schema bound to a compiled encoder and decoder. Creating a codec only normalises the
 * options; the schema is parsed and compiled on first use (generated modules create hundreds of codecs at import).
 */
import { CodecError, INVALID, type CodecIssue } from './errors.js';
import { canonicalForm } from './canonical.js';
import { probe, type CompiledType } from './compiled-type.js';
import { Compiler } from './compile.js';
import { checkFrame, checkSchemaId, HEADER_SIZE, readSchemaId } from './framing.js';
import { fullNameOf, PRIMITIVE_NAMES, shortNameOf } from './names.js';
import { normaliseOptions, type CodecContext, type CodecOptions } from './options.js';
import { expandSchema } from './expand-schema.js';
import { schemaText } from './schema-text.js';
import { parseSchema, type NamedSchemaLookup } from './parse-schema.js';
import type { Reader } from './reader.js';
import { decodeEntry, encodeEntry, type DecodeEntry, type EncodeEntry } from './entry-points.js';
import { Resolution } from './resolve.js';
import type { AvroSchema } from './schema-json.js';
import type { ParsedSchema } from './nodes.js';

export interface Decoder<R> {
  /** Decodes one value starting at `offset` (default 0); the value must end where `bytes` ends. */
  decode(bytes: Uint8Array, offset?: number): R;
}

export interface Codec<R, W = R> {
  /** The JSON schema given (for generated codecs: the type's own definition, naming the types it uses). */
  readonly schema: AvroSchema;
  /**
   * The schema with every named type it uses defined inline: what a schema registry is given. A long default beyond
   * ±(2^53−1) is a `bigint` in it: write it out with `schemaText`, which keeps the exact digits.
   */
  standaloneSchema(): AvroSchema;
  /** Full name of a named type, else the type name ('array', 'union', 'string' …). */
  readonly name: string;
  /**
   * Raw Avro binary. Throws INVALID_VALUE naming the path and the expected type. The Buffer is yours and never changes,
   * but a small one may share its ArrayBuffer with other results, as Buffer.allocUnsafe's do (docs/runtime.md § Codec speed).
   */
  encode(value: W): Buffer;
  /** Raw Avro binary; TRUNCATED or TRAILING_BYTES unless `bytes` holds exactly one value. */
  decode(bytes: Uint8Array): R;
  /** Confluent wire format: 0x00, 4-byte big-endian schema id, body, in one buffer (shared as `encode`'s may be). */
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
  readonly encode: EncodeEntry;
  readonly decode: DecodeEntry;
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
      const type = compiler.get(parsed.root);
      this.compiled = {
        parsed,
        compiler,
        type,
        encode: encodeEntry(type.encode, (e, value) => this.encodeError(e, value)),
        decode: decodeEntry(type.decode, (e, r) => this.decodeError(e, r)),
      };
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
    return (this.compiled ?? this.compile()).encode(value, false, 0);
  }

  encodeFramed(value: W, schemaId: number): Buffer {
    checkSchemaId(schemaId);
    return (this.compiled ?? this.compile()).encode(value, true, schemaId);
  }

  private encodeError(e: unknown, value: unknown): unknown {
    if (e !== INVALID) return e;
    const issues = this.validate(value);
    const first = issues[0] ?? { path: this.label, message: 'value does not match the schema' };
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more issue(s))` : '';
    return new CodecError('INVALID_VALUE', `${first.message}${more}`, { path: first.path, issues });
  }

  decode(bytes: Uint8Array): R {
    return (this.compiled ?? this.compile()).decode(bytes, 0) as R;
  }

  decodeFramed(bytes: Uint8Array): R {
    checkFrame(bytes);
    return (this.compiled ?? this.compile()).decode(bytes, HEADER_SIZE) as R;
  }

  schemaIdOf(bytes: Uint8Array): number {
    return readSchemaId(bytes);
  }

  /** Gives a decode error its full path (and reports any error past the end of the input as TRUNCATED). */
  private decodeError(e: unknown, r: Reader): unknown {
    if (!(e instanceof CodecError)) return e;
    if (r.pos > r.end && e.code !== 'TRUNCATED') {
      return new CodecError('TRUNCATED', r.truncated().detail, { path: this.label + e.path, cause: e });
    }
    return e.prependPath(this.label);
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
    const key = schemaText(writerSchema);
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
      const entry = decodeEntry(fn, (e, r) => this.decodeError(e, r));
      d = { decode: (bytes, offset = 0) => entry(bytes, offset) as R };
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
