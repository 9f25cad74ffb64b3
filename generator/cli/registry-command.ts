/**
 * `unilog registry push|diff`: the deployment step that brings a Confluent-API schema registry in step with the
 * catalog, as the Confluent maven plugin's `register` goal does for Java teams. For every topic, the subjects
 * `<prefix><topic>-key` and `-value` (TopicNameStrategy) get the catalog's compatibility level, then the topic's
 * schema. The level is set first, so the registry checks the new version at the level the gate checked it at.
 */
import { loadCatalog } from '../catalog/load-catalog.js';
import { loadConfig } from '../config/load-config.js';
import { formatLocated, UserErrors } from '../diagnostics.js';
import { resolveSchemaDir } from '../resolve/resolve-schemas.js';
import { readSubjectStates, subjectChanges, type SubjectState } from '../registry/registry-plan.js';
import { RegistryClient, normaliseRegistryOptions, type RegistryOptions } from '../../runtime/registry/index.js';
import { UnilogError } from '../../runtime/errors.js';
import { parseArgs } from './args.js';
import { REGISTRY_FLAGS, REGISTRY_FLAGS_HELP, registryConnection } from './connection-flags.js';
import { EXIT, UsageError } from './exit-codes.js';

/** The registry `npm run dev:up` starts. */
const DEV_REGISTRY = 'http://127.0.0.1:18081/apis/ccompat/v7';
const PREFIX = /^[A-Za-z0-9._-]*$/;

export const REGISTRY_HELP = `Usage: unilog registry push [--dry-run] [options]
       unilog registry diff [options]

Brings a Confluent-API schema registry in step with the catalog: for every topic, the subjects
<topic>-key and <topic>-value get the topic's compatibility level and its key and value schemas.
Run \`push\` as a deployment step (after \`unilog check\` passed), with services on the
lookup-only policy; \`diff\` says what push would change, for CI.

  push        set each subject's level from the catalog, then register its schema (a schema
              already registered is left as it is; nothing is ever deleted)
  diff        print each subject that differs, at its topic's entry in the catalog

Options:
  --dry-run          with push: print what it would do and change nothing
  --url URL          the registry (default: $SCHEMA_REGISTRY_URL, else ${DEV_REGISTRY})
  --prefix PREFIX    put before every topic name, as a service's kafka.topicPrefix (default: $TOPIC_PREFIX)
  --config FILE      config file (default: unilog.config.yaml if present)

${REGISTRY_FLAGS_HELP}

Exit codes: 0 in step (push: every change made), 100 diff found differences, 1 bad input or the
registry unreachable or refusing a change, 2 internal error.`;

export async function runRegistryCommand(argv: readonly string[]): Promise<number> {
  const { flags, positional } = parseArgs(argv, { 'dry-run': 'boolean', url: 'string', prefix: 'string', config: 'string', ...REGISTRY_FLAGS });
  const [action, extra] = positional;
  if (action !== 'push' && action !== 'diff') throw new UsageError(action === undefined ? 'say push or diff' : `unknown action '${action}' (push or diff)`);
  if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
  if (flags['dry-run'] && action === 'diff') throw new UsageError('--dry-run goes with push (diff never changes anything)');
  const prefix = flags.prefix ?? process.env['TOPIC_PREFIX'] ?? '';
  if (!PREFIX.test(prefix)) throw new UsageError(`--prefix may hold letters, digits, '.', '_' and '-' only (got '${prefix}')`);
  const client = registryClient(registryConnection(flags.url ?? process.env['SCHEMA_REGISTRY_URL'] ?? DEV_REGISTRY, flags));

  const config = loadConfig({ config: flags.config });
  const loaded = resolveSchemaDir(config.schemas);
  const { catalog, diagnostics } = loadCatalog(config.catalog, loaded.set);
  if (loaded.diagnostics.length + diagnostics.length > 0) throw new UserErrors([...loaded.diagnostics, ...diagnostics]);

  try {
    const states = await readSubjectStates(client, catalog, loaded.set, prefix);
    const pending = states.filter((s) => subjectChanges(s).length > 0);
    if (action === 'diff' || flags['dry-run']) {
      for (const s of pending) process.stdout.write(`${describe(s, action === 'diff' ? 'differs' : 'would')}\n`);
      process.stderr.write(summary(states.length, pending.length, client.url, action === 'diff' ? 'differ from' : 'would change in'));
      return action === 'diff' && pending.length > 0 ? EXIT.FINDINGS : EXIT.OK;
    }
    // Subjects are independent: pushed side by side, reported in catalog order.
    for (const lines of await Promise.all(pending.map((s) => push(client, s)))) for (const line of lines) process.stdout.write(`${line}\n`);
    process.stderr.write(summary(states.length, pending.length, client.url, 'changed in'));
    return EXIT.OK;
  } catch (e) {
    // The registry down or refusing a change (e.g. 409, incompatible at the subject's level) is the user's to fix.
    if (e instanceof UnilogError) throw new UsageError(e.message);
    throw e;
  }
}

/** The level first, so the registry checks the new version at the catalog's level, the one the gate checked. */
async function push(client: RegistryClient, s: SubjectState): Promise<string[]> {
  const lines: string[] = [];
  if (s.currentLevel !== s.level) {
    await client.setCompatibility(s.subject, s.level);
    lines.push(`${s.subject}: compatibility ${s.currentLevel ?? '(registry default)'} → ${s.level}`);
  }
  if (typeof s.registered !== 'object') {
    const id = await client.register(s.subject, s.schema);
    const now = await client.versionOf(s.subject, s.schema);
    lines.push(`${s.subject}: registered as version ${typeof now === 'object' ? now.version : '?'} (schema id ${id})`);
  }
  return lines;
}

function describe(s: SubjectState, verb: 'differs' | 'would'): string {
  const changes = subjectChanges(s).join('; ');
  const message = verb === 'differs' ? `${s.subject}: ${changes}` : `${s.subject}: would ${changes.replace(/^compatibility/, 'set compatibility')}`;
  return formatLocated({ ...s.pos, message });
}

function summary(total: number, pending: number, url: string, verb: string): string {
  return pending === 0
    ? `unilog registry: the ${total} subjects of the catalog are in step with ${url}\n`
    : `unilog registry: ${pending} of ${total} subjects ${verb} ${url}\n`;
}

/** The connection's credentials are a header (connection-flags.ts); its url holds none, so messages may name it. */
function registryClient(options: RegistryOptions): RegistryClient {
  try {
    return new RegistryClient(normaliseRegistryOptions(options));
  } catch (e) {
    if (e instanceof UnilogError) throw new UsageError(e.message);
    throw e;
  }
}
