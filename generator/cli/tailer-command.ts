/**
 * `unilog tailer`: the replication slots of the tailers of tailers.yaml. `slots` lists every slot of the database
 * with how much WAL it holds back; `drop-slot <tailer>` drops a tailer's slot (and, with --publication, its
 * publication): a forgotten slot keeps WAL forever. The tailer itself runs in a service (services/users-tailer).
 */
import pg from 'pg';
import { loadCatalog } from '../catalog/load-catalog.js';
import { loadConfig } from '../config/load-config.js';
import { UserErrors } from '../diagnostics.js';
import { resolveSchemaDir } from '../resolve/resolve-schemas.js';
import { readTailerDeclarations } from '../tailers/emit-tailers.js';
import { defaultSlotName, dropTailerSlot } from '../../runtime/tailer/slot.js';
import { parseArgs } from './args.js';
import { EXIT, UsageError } from './exit-codes.js';

export const TAILER_HELP = `Usage: unilog tailer slots [--database URL]
       unilog tailer drop-slot <tailer> [--database URL] [--slot NAME] [--publication]

The replication slots of the tailers declared in tailers.yaml (beside the catalog; docs/tailer.md).

  slots        lists the logical replication slots of the database: name, plugin, active or not, and the bytes
               of WAL each keeps (a slot nobody reads keeps WAL forever)
  drop-slot    drops the tailer's slot (default unilog_<tailer>); the next start of the tailer creates it again
               and snapshots the table first. Fails while a tailer reads the slot.

Options:
  --database URL    postgres://user@host:port/db (default: $DATABASE_URL)
  --slot NAME       the slot, when the tailer runs with another name (a service's app.slotPrefix)
  --publication     also drop the publication of the same name
  --config FILE     config file (default: unilog.config.yaml if present)

Exit codes: 0 done, 1 bad input, unknown tailer or database unreachable, 100 drop-slot found no such slot, 2 internal error.`;

export async function runTailerCommand(argv: readonly string[]): Promise<number> {
  const { flags, positional } = parseArgs(argv, { database: 'string', slot: 'string', publication: 'boolean', config: 'string' });
  const [action, name, ...rest] = positional;
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
  const database = flags.database ?? process.env['DATABASE_URL'];
  if (!database) throw new UsageError('name the database with --database URL or $DATABASE_URL');
  if (!/^postgres(ql)?:\/\//.test(database)) throw new UsageError(`--database must be a postgres:// URL (got '${database}')`);
  const connection = { connectionString: database, connectionTimeoutMillis: 5000 };
  try {
    if (action === 'slots') {
      if (name !== undefined) throw new UsageError(`unexpected argument '${name}'`);
      return await listSlots(connection);
    }
    if (action === 'drop-slot') {
      if (name === undefined) throw new UsageError('drop-slot needs the tailer name (from tailers.yaml)');
      const slot = flags.slot ?? defaultSlotName({ name: knownTailer(name, flags.config) });
      const dropped = await dropTailerSlot(connection, { slot, ...(flags.publication ? { publication: slot } : {}) });
      process.stderr.write(dropped ? `unilog tailer: dropped slot ${slot}${flags.publication ? ` and publication ${slot}` : ''}\n` : `unilog tailer: there is no slot ${slot}\n`);
      return dropped ? EXIT.OK : EXIT.FINDINGS;
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof UserErrors) throw e;
    // A database that cannot be reached or refuses is the user's to fix: one line, no stack trace.
    if (e instanceof Error && ('code' in e || /connect|timeout/i.test(e.message))) throw new UsageError(`PostgreSQL: ${e.message}`);
    throw e;
  }
  throw new UsageError(action === undefined ? 'name an action: slots or drop-slot' : `unknown action '${action}' (slots, drop-slot)`);
}

function knownTailer(name: string, configFile: string | undefined): string {
  const config = loadConfig({ config: configFile });
  const loaded = resolveSchemaDir(config.schemas);
  const { catalog, diagnostics } = loadCatalog(config.catalog, loaded.set);
  const read = readTailerDeclarations({ catalog, config });
  const errors = [...loaded.diagnostics, ...diagnostics, ...read.diagnostics];
  if (errors.length > 0) throw new UserErrors(errors);
  const names = read.declarations?.tailers.map((t) => t.name) ?? [];
  if (!names.includes(name)) throw new UsageError(`no tailer '${name}' in tailers.yaml (${names.join(', ') || 'none declared'})`);
  return name;
}

async function listSlots(connection: pg.ClientConfig): Promise<number> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    const { rows } = await client.query<{ slot_name: string; plugin: string; active: boolean; held: string | null }>(
      `SELECT slot_name, plugin, active, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) AS held
         FROM pg_replication_slots WHERE database = current_database() AND slot_type = 'logical' ORDER BY slot_name`,
    );
    for (const r of rows) process.stdout.write(`${r.slot_name}\t${r.plugin}\t${r.active ? 'active' : 'inactive'}\t${r.held ?? '?'} of WAL held\n`);
    if (rows.length === 0) process.stderr.write('unilog tailer: no logical replication slots in this database\n');
    return EXIT.OK;
  } finally {
    await client.end();
  }
}
