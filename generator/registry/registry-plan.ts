/**
 * What `unilog registry push` would change in a Confluent-API schema registry to bring it in step with the catalog:
 * per topic, its key and value subjects (TopicNameStrategy), the standalone schema to register and the compatibility
 * level to set. The schema is the one the runtime registers (`codec.standaloneSchema()`, built exactly as generated
 * code builds it), so a service with the lookup-only policy finds what `push` registered.
 */
import type { Catalog, CompatibilityLevel } from '../catalog/catalog.js';
import type { SourcePos } from '../diagnostics.js';
import { isNamed, type SchemaSet, type TypeNode } from '../ir.js';
import { ownSchemaJson } from '../emit/schema-json.js';
import { createCodec, type AvroSchema } from '../../runtime/codec/index.js';
import type { RegistryClient } from '../../runtime/registry/index.js';

export interface SubjectState {
  readonly subject: string;
  /** The catalog entry the subject comes from. */
  readonly pos: SourcePos;
  readonly schema: AvroSchema;
  readonly level: CompatibilityLevel;
  /** The version the schema has under the subject, or why it has none. */
  readonly registered: { id: number; version: number } | 'not-registered' | 'no-subject';
  /** The subject's own level; undefined when it has none (the registry's global level applies). */
  readonly currentLevel: CompatibilityLevel | undefined;
}

/**
 * The standalone schema of a catalog key or value, as generated code's codec gives it: a named type compiles from its
 * own schema and the named types it uses; a primitive key from its type name (as `emitTopics` writes it).
 */
export function standaloneSchemaOf(set: SchemaSet, node: TypeNode): AvroSchema {
  const named = (fullName: string): AvroSchema | undefined => {
    const n = set.named.get(fullName);
    return n === undefined ? undefined : (ownSchemaJson(n) as AvroSchema);
  };
  const schema = isNamed(node) ? (ownSchemaJson(node) as AvroSchema) : node.kind === 'primitive' ? node.type : undefined;
  if (schema === undefined) throw new Error(`registry plan: a catalog schema is a named type or a primitive, not ${node.kind}`);
  return createCodec(schema, {}, named).standaloneSchema();
}

export async function readSubjectStates(client: RegistryClient, catalog: Catalog, set: SchemaSet, prefix: string): Promise<SubjectState[]> {
  const wanted = catalog.topics.flatMap((t) =>
    (['key', 'value'] as const).map((role) => ({
      subject: `${prefix}${t.name}-${role}`,
      pos: t.pos,
      schema: standaloneSchemaOf(set, role === 'key' ? t.key : t.value),
      level: t.compatibility,
    })),
  );
  return Promise.all(
    wanted.map(async (w) => {
      const [registered, currentLevel] = await Promise.all([client.versionOf(w.subject, w.schema), client.compatibility(w.subject)]);
      return { ...w, registered, currentLevel };
    }),
  );
}

/** The changes `push` makes for one subject, in the order it makes them; [] when the subject is in step. */
export function subjectChanges(s: SubjectState): string[] {
  const changes: string[] = [];
  if (s.currentLevel !== s.level) changes.push(`compatibility ${s.currentLevel ?? '(registry default)'} → ${s.level}`);
  if (typeof s.registered !== 'object') {
    changes.push(s.registered === 'no-subject' ? 'register its first schema' : "register the catalog's schema as a new version");
  }
  return changes;
}
