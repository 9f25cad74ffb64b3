/**
 * Confluent REST API client: register a schema under a subject, look it up, fetch a schema by id. Answers are cached
 * (ids never change meaning), concurrent requests for the same thing share one request, and a failed request is not
 * cached, so the next call asks again.
 */
import { schemaText, type AvroSchema } from '../codec/index.js';
import { UnilogError } from '../errors.js';
import type { CompatibilityLevel } from '../topic.js';
import { registryRequest } from './http.js';
import type { RegistryContext } from './options.js';

function idOf(ctx: RegistryContext, body: unknown, what: string): number {
  const id = (body as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'number' || id >>> 0 !== id) {
    throw new UnilogError('REGISTRY_BAD_RESPONSE', `schema registry ${ctx.url}: ${what}: the answer has no schema id: ${JSON.stringify(body)}`);
  }
  return id;
}

interface SchemaBody {
  readonly schema?: unknown;
  readonly schemaType?: unknown;
  readonly references?: unknown;
}

export class RegistryClient {
  private readonly ids = new Map<string, Promise<number>>();
  private readonly schemas = new Map<number, Promise<AvroSchema>>();

  constructor(readonly ctx: RegistryContext) {}

  get url(): string {
    return this.ctx.url;
  }

  /**
   * `POST /subjects/{subject}/versions`: the id of `schema`, registered as a new version if it is not there yet.
   * With `firstLevel`, a subject that does not exist yet gets that compatibility level before its first schema, so the
   * catalog's level governs every later version (a subject that exists keeps its level: `unilog registry push` sets it).
   */
  register(subject: string, schema: AvroSchema, firstLevel?: CompatibilityLevel): Promise<number> {
    return this.cached(`register\n${subject}`, schema, async (text) => {
      if (firstLevel !== undefined && (await this.versionOf(subject, schema)) === 'no-subject') await this.setCompatibility(subject, firstLevel);
      const path = `/subjects/${encodeURIComponent(subject)}/versions`;
      const reply = await registryRequest(this.ctx, 'POST', path, { schema: text });
      if (!reply.found) {
        throw new UnilogError('REGISTRY_REQUEST_REJECTED', `schema registry ${this.url}: POST ${path}: ${reply.message} (error ${reply.errorCode})`);
      }
      return this.remember(idOf(this.ctx, reply.body, `POST ${path}`), schema);
    });
  }

  /** `POST /subjects/{subject}`: the id of `schema` under `subject`; SCHEMA_NOT_REGISTERED when it is not there. */
  lookup(subject: string, schema: AvroSchema): Promise<number> {
    return this.cached(`lookup\n${subject}`, schema, async (text) => {
      const path = `/subjects/${encodeURIComponent(subject)}`;
      const reply = await registryRequest(this.ctx, 'POST', path, { schema: text });
      if (!reply.found) {
        const what = reply.errorCode === 40401 ? `subject '${subject}' does not exist` : `the schema is not registered under subject '${subject}'`;
        throw new UnilogError(
          'SCHEMA_NOT_REGISTERED',
          `schema registry ${this.url}: ${what} (policy lookup-only: register the schema before deploying; registry said: ${reply.message})`,
        );
      }
      return this.remember(idOf(this.ctx, reply.body, `POST ${path}`), schema);
    });
  }

  /**
   * `POST /subjects/{subject}` without throwing: the id and version `schema` has under `subject`, `'not-registered'`
   * when the subject exists without it, `'no-subject'` when there is no such subject.
   */
  async versionOf(subject: string, schema: AvroSchema): Promise<{ id: number; version: number } | 'not-registered' | 'no-subject'> {
    const path = `/subjects/${encodeURIComponent(subject)}`;
    const reply = await registryRequest(this.ctx, 'POST', path, { schema: JSON.stringify(schema) });
    if (!reply.found) return reply.errorCode === 40401 ? 'no-subject' : 'not-registered';
    const version = (reply.body as { version?: unknown }).version;
    return { id: this.remember(idOf(this.ctx, reply.body, `POST ${path}`), schema), version: typeof version === 'number' ? version : 0 };
  }

  /** `GET /config/{subject}`: the subject's own compatibility level, or undefined when it has none (the global applies). */
  async compatibility(subject: string): Promise<CompatibilityLevel | undefined> {
    const path = `/config/${encodeURIComponent(subject)}?defaultToGlobal=false`;
    const reply = await registryRequest(this.ctx, 'GET', path);
    if (!reply.found) return undefined;
    const body = reply.body as { compatibilityLevel?: unknown; compatibility?: unknown };
    const level = body.compatibilityLevel ?? body.compatibility;
    if (typeof level !== 'string') throw new UnilogError('REGISTRY_BAD_RESPONSE', `schema registry ${this.url}: GET ${path}: the answer has no compatibility level: ${JSON.stringify(body)}`);
    return level as CompatibilityLevel;
  }

  /** `PUT /config/{subject}`: sets the subject's compatibility level (the subject need not exist yet). */
  async setCompatibility(subject: string, level: CompatibilityLevel): Promise<void> {
    const path = `/config/${encodeURIComponent(subject)}`;
    const reply = await registryRequest(this.ctx, 'PUT', path, { compatibility: level });
    if (!reply.found) throw new UnilogError('REGISTRY_REQUEST_REJECTED', `schema registry ${this.url}: PUT ${path}: ${reply.message} (error ${reply.errorCode})`);
  }

  /** An id we registered or looked up: its schema is known without asking. */
  private remember(id: number, schema: AvroSchema): number {
    if (!this.schemas.has(id)) this.schemas.set(id, Promise.resolve(schema));
    return id;
  }

  /** `GET /schemas/ids/{id}`: the Avro schema a message was written with. */
  schemaById(id: number): Promise<AvroSchema> {
    let p = this.schemas.get(id);
    if (!p) {
      p = this.fetchSchema(id);
      this.schemas.set(id, p);
      p.catch(() => this.schemas.delete(id));
    }
    return p;
  }

  /**
   * `GET /subjects/{subject}/versions/{version}`: a version's id and schema (`version` a number or `'latest'`);
   * SCHEMA_VERSION_NOT_FOUND when the subject or the version does not exist.
   */
  async schemaByVersion(subject: string, version: number | 'latest'): Promise<{ id: number; version: number; schema: AvroSchema }> {
    const path = `/subjects/${encodeURIComponent(subject)}/versions/${version}`;
    const reply = await registryRequest(this.ctx, 'GET', path);
    const where = `schema registry ${this.url}: GET ${path}`;
    if (!reply.found) throw new UnilogError('SCHEMA_VERSION_NOT_FOUND', `${where}: subject '${subject}' has no version ${version} (${reply.message})`);
    const body = reply.body as { version?: unknown; schema?: unknown; schemaType?: unknown; references?: unknown };
    const id = idOf(this.ctx, body, `GET ${path}`);
    const schema = this.schemaOf(body, where, `${subject} version ${version}`);
    this.remember(id, schema);
    return { id, version: typeof body.version === 'number' ? body.version : 0, schema };
  }

  private async fetchSchema(id: number): Promise<AvroSchema> {
    const path = `/schemas/ids/${id}`;
    const reply = await registryRequest(this.ctx, 'GET', path);
    const where = `schema registry ${this.url}: GET ${path}`;
    if (!reply.found) throw new UnilogError('SCHEMA_ID_NOT_FOUND', `${where}: no schema with id ${id} (${reply.message})`);
    return this.schemaOf(reply.body as SchemaBody, where, `schema ${id}`);
  }

  private schemaOf(body: SchemaBody, where: string, what: string): AvroSchema {
    if (body.schemaType !== undefined && body.schemaType !== 'AVRO') {
      throw new UnilogError('UNSUPPORTED_SCHEMA_TYPE', `${where}: ${what} is ${String(body.schemaType)}, not AVRO`);
    }
    if (Array.isArray(body.references) && body.references.length > 0) {
      throw new UnilogError('UNSUPPORTED_SCHEMA_TYPE', `${where}: ${what} uses schema references, which unilog does not resolve (register standalone schemas)`);
    }
    if (typeof body.schema !== 'string') throw new UnilogError('REGISTRY_BAD_RESPONSE', `${where}: the answer has no schema text`);
    try {
      return JSON.parse(body.schema) as AvroSchema;
    } catch (error) {
      throw new UnilogError('REGISTRY_BAD_RESPONSE', `${where}: the schema text is not JSON`, { cause: error });
    }
  }

  private cached(kind: string, schema: AvroSchema, ask: (text: string) => Promise<number>): Promise<number> {
    const text = schemaText(schema);
    const key = `${kind}\n${text}`;
    let p = this.ids.get(key);
    if (!p) {
      p = ask(text);
      this.ids.set(key, p);
      p.catch(() => this.ids.delete(key));
    }
    return p;
  }
}
