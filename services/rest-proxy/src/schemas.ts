// Which schema a request's keys or values are read and written with. The catalog's by default; a schema id, an
// embedded schema or a subject version when the request names one, but only if the catalog schema can read what it
// writes (Avro schema resolution, as the topic's consumers will read it). Readers are compiled once per schema id.
import { avroJsonReader, UnilogError, type AnyTopic, type AvroJsonReader, type AvroSchema, type Decoder, type SchemaRegistry } from 'unilog/runtime';
import { ProxyError } from './errors.js';

export type Role = 'key' | 'value';

export interface WriterSchema {
  readonly id: number;
  readonly subject: string;
  /** Known when the schema was named by subject and version. */
  readonly version?: number;
  readonly reader: AvroJsonReader;
  /**
   * The catalog codec reading what `reader.codec` writes, as the topic's consumers will: it also checks what Avro JSON
   * cannot say (a uuid's form, a decimal's precision), so nothing is written that a consumer would dead-letter.
   */
  readonly readBack: Decoder<unknown>;
}

interface Compiled {
  readonly reader: AvroJsonReader;
  readonly readBack: Decoder<unknown>;
}

/** How a request names a schema; `catalog` when it names none. */
export type SchemaRef =
  | { readonly kind: 'catalog' }
  | { readonly kind: 'id'; readonly id: number }
  | { readonly kind: 'embedded'; readonly text: string }
  | { readonly kind: 'version'; readonly subject: string; readonly version: number | 'latest' };

export class TopicSchemas {
  /** By `${topic}\n${role}\n${id}`: compatibility checked and reader compiled. */
  private readonly byId = new Map<string, Promise<Compiled>>();

  constructor(private readonly registry: SchemaRegistry) {}

  /** `topic` is the topic as it is named on the cluster (prefix included); `field` names the ref in messages. */
  async resolve(topic: AnyTopic, role: Role, ref: SchemaRef, field: string): Promise<WriterSchema> {
    const codec = topic[role];
    const subject = this.registry.subjectFor(topic.name, role, codec);
    try {
      switch (ref.kind) {
        case 'catalog': {
          const serde = this.registry.topicSerdes(topic)[role];
          const id = await serde.prepare();
          return { id, subject, ...(await this.compiled(topic, role, id, codec.standaloneSchema(), field)) };
        }
        case 'id': {
          const schema = await this.registry.client.schemaById(ref.id);
          return { id: ref.id, subject, ...(await this.compiled(topic, role, ref.id, schema, field)) };
        }
        case 'version': {
          const found = await this.registry.client.schemaByVersion(ref.subject, ref.version);
          return { id: found.id, subject: ref.subject, version: found.version, ...(await this.compiled(topic, role, found.id, found.schema, field)) };
        }
        case 'embedded': {
          const schema = parseSchemaText(ref.text, field);
          readable(topic, role, schema, field); // before registering: an unreadable schema must not reach the registry
          const id = this.registry.policy === 'auto-register' ? await this.registry.client.register(subject, schema) : await this.registry.client.lookup(subject, schema);
          return { id, subject, ...(await this.compiled(topic, role, id, schema, field)) };
        }
      }
    } catch (error) {
      throw asProxyError(error, field);
    }
  }

  private compiled(topic: AnyTopic, role: Role, id: number, schema: AvroSchema, field: string): Promise<Compiled> {
    const key = `${topic.name}\n${role}\n${id}`;
    let p = this.byId.get(key);
    if (!p) {
      p = Promise.resolve().then(() => ({ readBack: readable(topic, role, schema, `${field} ${id}`), reader: avroJsonReader(schema) }));
      this.byId.set(key, p);
      p.catch(() => this.byId.delete(key));
    }
    return p;
  }
}

function parseSchemaText(text: string, field: string): AvroSchema {
  try {
    return JSON.parse(text) as AvroSchema;
  } catch (error) {
    throw new ProxyError(42205, `${field}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Throws 42205 unless the catalog's codec can read data written with `schema`. */
function readable(topic: AnyTopic, role: Role, schema: AvroSchema, what: string): Decoder<unknown> {
  const codec = topic[role];
  try {
    return codec.resolver(schema);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ProxyError(42205, `${what}: topic ${topic.name}'s ${role} schema ${codec.name} (the catalog's) cannot read it: ${detail}`, { cause: error });
  }
}

const REGISTRY_DOWN = new Set(['REGISTRY_UNREACHABLE', 'REGISTRY_TIMEOUT', 'REGISTRY_SERVER_ERROR']);
const SCHEMA_REFUSED = new Set(['SCHEMA_ID_NOT_FOUND', 'SCHEMA_VERSION_NOT_FOUND', 'UNSUPPORTED_SCHEMA_TYPE', 'SCHEMA_REJECTED', 'SCHEMA_NOT_REGISTERED', 'REGISTRY_REQUEST_REJECTED', 'INVALID_SCHEMA']);

function asProxyError(error: unknown, field: string): unknown {
  if (error instanceof ProxyError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UnilogError && REGISTRY_DOWN.has(error.code)) return new ProxyError(50301, `${field}: ${message}`, { cause: error });
  if (typeof code === 'string' && SCHEMA_REFUSED.has(code)) return new ProxyError(42205, `${field}: ${message}`, { cause: error });
  return error;
}
