/**
 * `registry:<url>`: every registered version of each topic's subjects (`<topic>-key`, `<topic>-value`, the
 * TopicNameStrategy) from a Confluent-API schema registry (Confluent, Apicurio ccompat, Karapace, Redpanda):
 * `GET /subjects/{s}/versions`, then `GET /subjects/{s}/versions/{v}`. A registry has no catalog, so only the schema
 * rules and KEY_SCHEMA_CHANGED apply. Credentials may be given in the URL (`https://user:secret@host/...`), or come
 * with the connection the CLI built from its flags and environment (generator/cli/connection-flags.ts).
 */
import { diagnostic, UserErrors } from '../../diagnostics.js';
import { loadSchemaText } from '../load-schema-text.js';
import { redact, splitCredentials } from '../../registry/registry-url.js';
import { fetchTrusting } from '../../../runtime/registry/tls-fetch.js';
import type { Baseline, BaselineRequest, BaselineTopic, BaselineVersion, RegistryConnection } from './baseline.js';

const ACCEPT = 'application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json';
const PARALLEL = 8;

export async function loadRegistryBaseline(url: string, request: BaselineRequest, connection?: RegistryConnection): Promise<Baseline> {
  const label = `registry:${redact(url)}`;
  const fail = (message: string): never => {
    throw new UserErrors([diagnostic({ file: label, line: 1, col: 1 }, 'BASELINE', message)]);
  };
  const { url: base, headers: auth, ca } = connection ?? (({ base, auth }) => ({ url: base, headers: auth, ca: undefined }))(splitCredentials(url));
  const headers = { Accept: ACCEPT, ...auth };
  const fetch = ca === undefined ? globalThis.fetch : fetchTrusting(ca);
  const get = async (path: string): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { headers });
    } catch (e) {
      return fail(`cannot reach the schema registry: ${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}`);
    }
    if (res.status === 404) return undefined;
    if (!res.ok) return fail(`GET ${path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    return res.json();
  };

  const notes: string[] = [];
  const subjectVersions = async (subject: string, all: boolean): Promise<BaselineVersion[]> => {
    const listed = await get(`/subjects/${encodeURIComponent(subject)}/versions`);
    if (listed === undefined) return [];
    if (!Array.isArray(listed) || !listed.every((v) => Number.isInteger(v))) return fail(`GET /subjects/${subject}/versions: expected a list of version numbers`);
    const numbers = (listed as number[]).sort((a, b) => a - b);
    const wanted = all ? numbers : numbers.slice(-1);
    const out: BaselineVersion[] = [];
    for (const v of wanted) {
      const body = (await get(`/subjects/${encodeURIComponent(subject)}/versions/${v}`)) as
        | { schema?: unknown; schemaType?: unknown }
        | undefined;
      if (!body) continue; // deleted between the two requests
      if (body.schemaType !== undefined && body.schemaType !== 'AVRO') {
        notes.push(`${label}: ${subject} version ${v} is ${String(body.schemaType)}, not Avro; skipped`);
        continue;
      }
      if (typeof body.schema !== 'string') return fail(`GET /subjects/${subject}/versions/${v}: no 'schema' in the answer`);
      const loaded = loadSchemaText(body.schema, `${label}/subjects/${subject}/versions/${v}`);
      if (!loaded.ok) throw new UserErrors(loaded.diagnostics);
      out.push({ schema: loaded.schema, label: `registered version ${v}` });
    }
    return out;
  };

  const topics = new Map<string, BaselineTopic>();
  // A few topics at a time; every request of a batch settles before an error is raised, so none is left dangling.
  for (let i = 0; i < request.topics.length; i += PARALLEL) {
    const batch = request.topics.slice(i, i + PARALLEL);
    const settled = await Promise.allSettled(
      batch.map(async (t) => {
        const all = request.transitive.has(t.name);
        const [key, value] = await Promise.all([subjectVersions(`${t.name}-key`, all), subjectVersions(`${t.name}-value`, all)]);
        return { name: t.name, key, value };
      }),
    );
    for (const s of settled) {
      if (s.status === 'rejected') throw s.reason;
      if (s.value.key.length > 0 || s.value.value.length > 0) topics.set(s.value.name, s.value);
    }
  }
  return { label, hasCatalog: false, topics, notes };
}
