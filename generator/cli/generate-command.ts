/** `unilog generate`: compile schemas/ into generated/, check that generated/ is current, or keep it current. */
import { existsSync, statSync, watch } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig, type UnilogConfig } from '../config/load-config.js';
import { UserErrors, compareLocated, formatLocated } from '../diagnostics.js';
import { recordOutput } from '../output/emit-cache.js';
import { diffOutput, writeOutput } from '../output/write-output.js';
import { displayPath } from '../paths.js';
import { runPipeline } from '../pipeline.js';
import { findServiceDirs } from '../scaffold/find-services.js';
import type { ServiceFileChange } from '../scaffold/sync-handlers.js';
import { parseArgs } from './args.js';
import { EXIT, UsageError } from './exit-codes.js';

export const GENERATE_HELP = `Usage: unilog generate [--config FILE] [--schemas DIR] [--out DIR] [--check] [--watch]

Compiles the Avro schemas (every .avsc under the schemas folder) and the topic catalog into
TypeScript types, codecs and topic bindings in the output folder, and each service contract
(schemas/services/*.yaml) into its types and typed client. Scaffolded services (found under
'services:') get a handler stub for each operation their contract gained; a handler whose
operation the contract lost is an error (remove it, or restore the operation), and until then
nothing is written, so the service keeps building.

Only what changed is computed again: a type module, or the part of one that a schema file
defines, whose inputs are those of the last run is taken from the output folder as that run
wrote it, unless it was edited since (node_modules/.cache/unilog keeps the record; deleting
it is always safe).

Options:
  --config FILE   config file (default: unilog.config.yaml if present)
  --schemas DIR   schemas folder (default: from the config, else schemas/)
  --out DIR       output folder (default: from the config, else generated/)
  --check         change nothing in the output folder; exit 1 if it is not what generate would write,
                  or a scaffolded service lacks a handler stub
  --watch         regenerate whenever a schema, the catalog, a contract or the config changes
                  (errors are printed, watching goes on)

Exit codes: 0 ok, 1 bad input or stale output (one line per error: file:line:col: message), 2 internal error.`;

export async function runGenerateCommand(argv: readonly string[]): Promise<number> {
  const { flags, positional } = parseArgs(argv, {
    config: 'string', schemas: 'string', out: 'string', check: 'boolean', watch: 'boolean',
  });
  if (positional.length > 0) throw new UsageError(`unexpected argument '${positional[0]}'`);
  if (flags.check && flags.watch) throw new UsageError('--check and --watch cannot be combined');
  const overrides = { config: flags.config, schemas: flags.schemas, out: flags.out };
  const first = loadConfig(overrides);
  let runs = 0;
  const once = async (): Promise<number> => {
    // Read again on every later run, so that under --watch an edit to unilog.config.yaml takes effect too.
    const config = runs++ === 0 ? first : loadConfig(overrides);
    const result = await runPipeline(config);
    for (const w of [...result.warnings].sort(compareLocated)) process.stderr.write(`warning: ${formatLocated(w)}\n`);
    if (result.diagnostics.length > 0) throw new UserErrors(result.diagnostics);
    // Scaffolded services (docs/services.md): topics checked again, a handler stub for each new operation.
    const services = findServiceDirs(config.services).length
      ? await (await import('../scaffold/sync-services.js')).planServices(config, result.catalog, result.contracts)
      : { diagnostics: [], warnings: [], pending: [], apply: async (): Promise<ServiceFileChange[]> => [] };
    // Join services (docs/joins.md): a stub for each join they own, a warning for an entry whose join is gone.
    const joinServices = await (await import('../joins/sync-join-services.js')).planJoinServicesFor(config, result.catalog);
    if (services.diagnostics.length + joinServices.diagnostics.length > 0) throw new UserErrors([...services.diagnostics, ...joinServices.diagnostics]);
    for (const w of [...services.warnings, ...joinServices.warnings]) process.stderr.write(`warning: ${formatLocated(w)}\n`);
    const out = displayPath(config.out);
    if (flags.check) {
      const diff = diffOutput(config.out, result.files);
      recordOutput(config.out, result.files);
      const stale = [...diff.changed.map((p) => `changed ${p}`), ...diff.added.map((p) => `missing ${p}`), ...diff.removed.map((p) => `extra ${p}`)];
      const stubs = [...services.pending.flatMap((p) => p.missing.operations.map((op) => `${displayPath(p.service.dir)}: no handler for operation '${op.operationId}'`)), ...joinServices.missing];
      for (const s of stubs) process.stderr.write(`${s}\n`);
      if (stale.length === 0 && stubs.length === 0) {
        process.stdout.write(`${out} is up to date (${result.files.length} files)\n`);
        return EXIT.OK;
      }
      for (const s of stale) process.stderr.write(`${out}: ${s}\n`);
      process.stderr.write(stale.length ? `${out} is stale: run \`unilog generate\`\n` : 'handler stubs are missing: run `unilog generate`\n');
      return EXIT.USER_ERROR;
    }
    const diff = writeOutput(config.out, result.files);
    recordOutput(config.out, result.files);
    const touched = diff.changed.length + diff.added.length + diff.removed.length;
    const reused = result.files.filter((f) => f.reuse?.reused).length;
    process.stdout.write(
      `generated ${result.files.length} files in ${out} from ${result.schemas.named.size} named types and ${result.catalog.topics.length} topics` +
        (touched ? ` (${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed` : ' (no changes') +
        (reused ? `; ${reused} reused from the last run)\n` : ')\n'),
    );
    for (const { file, change } of [...(await services.apply()), ...(await joinServices.apply())]) process.stdout.write(`${change} ${displayPath(file)}\n`);
    return EXIT.OK;
  };
  if (!flags.watch) return once();
  return watchLoop(watchedPaths(first, resolve(flags.config ?? DEFAULT_CONFIG_FILE)), once);
}

/**
 * What `--watch` follows: the schemas folder (catalog and joins file included when they live there), the config file,
 * and the catalog and contracts where they live elsewhere. Folders as of the start; a changed `schemas:` path in the
 * config is used by the next run but watched only after a restart.
 */
function watchedPaths(config: UnilogConfig, configFile: string): string[] {
  const inSchemas = (p: string): boolean => p === config.schemas || p.startsWith(`${config.schemas}${sep}`);
  const paths = [config.schemas, configFile, config.catalog, config.contracts].filter((p, i) => i === 0 || !inSchemas(p));
  return [...new Set(paths)];
}

function watchLoop(paths: readonly string[], run: () => Promise<number>): Promise<number> {
  const attempt = (): void => {
    run().catch((e: unknown) => {
      if (!(e instanceof UserErrors)) throw e;
      for (const d of e.diagnostics) process.stderr.write(`${formatLocated(d)}\n`);
    });
  };
  attempt();
  process.stdout.write(`watching ${displayPath(paths[0]!)} (Ctrl-C to stop)\n`);
  let timer: NodeJS.Timeout | undefined;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(attempt, 50);
  };
  // A file is watched through its folder (editors replace files by renaming, which ends a watch on the file itself).
  // A file not there yet (no config file so far) is watched the same way, so creating it counts.
  const watchers = paths.flatMap((p) => {
    if (existsSync(p) && statSync(p).isDirectory()) return [watch(p, { recursive: true }, changed)];
    if (!existsSync(dirname(p))) return [];
    const name = basename(p);
    return [watch(dirname(p), (_event, file) => file === name && changed())];
  });
  return new Promise((resolve) => {
    const stop = (): void => {
      for (const w of watchers) w.close();
      clearTimeout(timer);
      resolve(EXIT.OK);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
