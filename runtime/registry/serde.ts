/**
 * A codec bound to a registry subject: Confluent-framed encode and decode with schema ids from the registry. The only
 * I/O is the warm-up (`prepare()` for our own id, `loadWriter(id)` for each writer id met); after it `encode` and
 * `decode` are synchronous and touch no network. Decoding a message written with another schema goes through
 * `codec.resolver(writer)` (Avro schema resolution), compiled once per writer id.
 */
import { CodecError, type Codec, type CodecErrorCode, type Decoder } from '../codec/index.js';
import { isCodecError, UnilogError } from '../errors.js';
import type { RegistryClient } from './client.js';
import type { CompatibilityLevel } from '../topic.js';
import type { SchemaPolicy } from './options.js';

const HEADER_SIZE = 5;

export interface Serde<R, W> {
  readonly codec: Codec<R, W>;
  readonly subject: string;
  /** Our schema's id, once `prepare()` has resolved. */
  readonly schemaId: number | undefined;
  /** Registers (auto-register) or looks up (lookup-only) our schema under the subject; the id is cached. */
  prepare(): Promise<number>;
  /** Confluent wire format with our id. Synchronous; SERDE_NOT_PREPARED before `prepare()`. */
  encode(value: W): Buffer;
  /** Synchronous decode; WRITER_SCHEMA_NOT_LOADED when the message's schema id has not been loaded yet. */
  decode(bytes: Uint8Array): R;
  /** The schema id `bytes` needs loaded before `decode` can read it, or undefined when it can be decoded now. */
  missingWriter(bytes: Uint8Array): number | undefined;
  /** Fetches the writer schema (cached across serdes) and compiles its resolver; an incompatible writer is remembered. */
  loadWriter(id: number): Promise<void>;
  /** `loadWriter` when needed, then `decode`. */
  decodeAsync(bytes: Uint8Array): Promise<R>;
}

class RegistrySerde<R, W> implements Serde<R, W> {
  schemaId: number | undefined;
  private preparing: Promise<number> | undefined;
  /** Per writer id: its decoder, or the error every message written with it fails with. */
  private readonly decoders = new Map<number, Decoder<R> | CodecError>();

  constructor(
    private readonly client: RegistryClient,
    readonly codec: Codec<R, W>,
    readonly subject: string,
    private readonly policy: SchemaPolicy,
    private readonly firstLevel: CompatibilityLevel | undefined,
  ) {}

  prepare(): Promise<number> {
    this.preparing ??= this.askId().then(
      (id) => (this.schemaId = id),
      (error: unknown) => {
        this.preparing = undefined;
        throw error;
      },
    );
    return this.preparing;
  }

  private askId(): Promise<number> {
    const schema = this.codec.standaloneSchema();
    return this.policy === 'auto-register' ? this.client.register(this.subject, schema, this.firstLevel) : this.client.lookup(this.subject, schema);
  }

  encode(value: W): Buffer {
    const id = this.schemaId;
    if (id === undefined) {
      throw new UnilogError('SERDE_NOT_PREPARED', `subject '${this.subject}': encode before the schema id is known (await prepare() first)`);
    }
    return this.codec.encodeFramed(value, id);
  }

  decode(bytes: Uint8Array): R {
    const id = this.codec.schemaIdOf(bytes);
    if (id === this.schemaId) return this.codec.decodeFramed(bytes);
    const d = this.decoders.get(id);
    if (d === undefined) {
      throw new UnilogError('WRITER_SCHEMA_NOT_LOADED', `subject '${this.subject}': schema id ${id} is not loaded (await loadWriter(${id}) first)`);
    }
    if (d instanceof CodecError) throw d;
    return d.decode(bytes, HEADER_SIZE);
  }

  missingWriter(bytes: Uint8Array): number | undefined {
    const id = this.codec.schemaIdOf(bytes);
    return id === this.schemaId || this.decoders.has(id) ? undefined : id;
  }

  async loadWriter(id: number): Promise<void> {
    if (this.decoders.has(id)) return;
    const writer = await this.client.schemaById(id);
    if (this.decoders.has(id)) return;
    try {
      this.decoders.set(id, this.codec.resolver(writer));
    } catch (error) {
      if (!isCodecError(error)) throw error;
      const detail = `data written with schema id ${id} (registry ${this.client.url}) cannot be read as ${this.codec.name}: ${error.message}`;
      this.decoders.set(id, new CodecError(error.code as CodecErrorCode, detail, { cause: error }));
    }
  }

  async decodeAsync(bytes: Uint8Array): Promise<R> {
    const id = this.missingWriter(bytes);
    if (id !== undefined) await this.loadWriter(id);
    return this.decode(bytes);
  }
}

/** `firstLevel`: with auto-register, the compatibility level a subject gets when this serde creates it. */
export function createSerde<R, W>(
  client: RegistryClient,
  codec: Codec<R, W>,
  subject: string,
  policy: SchemaPolicy,
  firstLevel?: CompatibilityLevel,
): Serde<R, W> {
  return new RegistrySerde(client, codec, subject, policy, firstLevel);
}
