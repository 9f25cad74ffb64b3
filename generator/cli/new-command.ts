/** `unilog new service`: scaffold a ready service folder from a contract and the topics it consumes and produces. */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { UserErrors } from '../diagnostics.js';
import { SERVICE_NAME } from '../naming.js';
import { recordOutput } from '../output/emit-cache.js';
import { writeOutput } from '../output/write-output.js';
import { displayPath } from '../paths.js';
import { runPipeline } from '../pipeline.js';
import { renderService, unilogRoot, unilogVersion } from '../scaffold/render-templates.js';
import { scaffoldModel } from '../scaffold/scaffold-model.js';
import { checkTopicAccess } from '../scaffold/topic-access.js';
import { writeScaffold } from '../scaffold/write-scaffold.js';
import { parseArgs } from './args.js';
import { EXIT, UsageError } from './exit-codes.js';

export const NEW_HELP = `Usage: unilog new service <name> --contract FILE [--consumes TOPIC]... [--produces TOPIC]... [--dir DIR]
       unilog new service <name> --joins JOIN... [--dir DIR]

Scaffolds a service folder (package.json, tsconfig, config.yaml, main, one typed handler stub per operation of the
contract, one typed consumer per consumed topic, producers, README and a passing test), after running
\`unilog generate\` so the contract's module exists. It compiles under tsc --strict and serves on first run.

Options:
  --contract FILE   the service's OpenAPI 3 contract, in the contracts folder (default schemas/services/)
  --consumes TOPIC  a catalog topic the service reads (repeat, or comma-separate); another service's internal
                    topic is refused
  --produces TOPIC  a catalog topic the service writes (repeat, or comma-separate); the catalog must name the
                    service as its owner (one writer per topic): another service's topic is refused
  --joins JOIN      instead of a contract: a service that runs these joins of schemas/joins.yaml (repeat, or
                    comma-separate; each must name the service as its owner), with a stub per join where you
                    write its function (docs/joins.md)
  --dir DIR         where to put the service (default: services/<name>); must not exist or be empty
  --config FILE     config file (default: unilog.config.yaml if present)

\`unilog generate\` later adds a handler stub for each operation the contract gains (docs/services.md).

Exit codes: 0 ok, 1 bad input (file:line:col: message), 2 internal error.`;

function topicList(value: readonly string[] | undefined): string[] {
  return (value ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export async function runNewCommand(argv: readonly string[]): Promise<number> {
  const { flags, positional } = parseArgs(argv, { contract: 'string', consumes: 'strings', produces: 'strings', dir: 'string', config: 'string', joins: 'strings' });
  const [kind, name, ...rest] = positional;
  if (kind !== 'service') throw new UsageError(kind ? `cannot create '${kind}' (only: unilog new service <name>)` : 'usage: unilog new service <name> --contract FILE');
  if (!name) throw new UsageError('a service name is needed: unilog new service <name> --contract FILE');
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
  if (!SERVICE_NAME.test(name)) throw new UsageError(`service name '${name}' must be lowercase letters, digits and '-' (e.g. search-service)`);
  if (flags.joins !== undefined) {
    if (flags.contract !== undefined) throw new UsageError('--joins and --contract cannot be combined: a join service has no HTTP contract');
    const config = loadConfig({ config: flags.config });
    return (await import('../joins/new-join-service.js')).newJoinService(name, topicList(flags.joins), flags.dir, config, (m) => new UsageError(m));
  }
  if (flags.contract === undefined) throw new UsageError('--contract FILE (or --joins JOIN) is required');
  const config = loadConfig({ config: flags.config });
  const contractPath = resolve(flags.contract);
  if (!existsSync(contractPath)) throw new UsageError(`contract not found: ${flags.contract}`);
  if (relative(config.contracts, contractPath).startsWith('..')) {
    throw new UsageError(`the contract must be in ${displayPath(config.contracts)}, where \`unilog generate\` reads contracts`);
  }
  const dir = resolve(flags.dir ?? join(config.services[0] ?? resolve('services'), name));
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${displayPath(dir)} exists and is not empty`);

  const result = await runPipeline(config);
  if (result.diagnostics.length > 0) throw new UserErrors(result.diagnostics);
  const contract = result.contracts.find((c) => c.path === contractPath);
  if (!contract) throw new UsageError(`${flags.contract} is not a contract unilog generate reads (.yaml, .yml or .json)`);
  // A topic named on the command line is located at its flag.
  const consumes = topicList(flags.consumes).map((topic) => ({ topic, pos: { file: '--consumes', line: 0, col: 0 } }));
  const produces = topicList(flags.produces).map((topic) => ({ topic, pos: { file: '--produces', line: 0, col: 0 } }));
  // Every problem of the topic lists at once: an unknown topic and another's ownership violation alike.
  const access = checkTopicAccess(name, result.catalog, consumes, produces);
  if (access.errors.length > 0) throw new UserErrors(access.errors);

  writeOutput(config.out, result.files);
  recordOutput(config.out, result.files);
  const root = unilogRoot();
  const model = scaffoldModel({
    name,
    dir,
    contract: contract.record,
    contractFile: contractPath,
    out: config.out,
    consumes: access.consumes,
    produces: access.produces,
    unilogRoot: root,
    unilogVersion: unilogVersion(root),
  });
  writeScaffold({
    dir,
    files: await renderService(model),
    holds: `${model.operations.length} handler stub(s), ${model.consumes.length} consumer(s), ${model.produces.length} producer(s)`,
    usesKafka: model.usesKafka,
  }, config, root);
  return EXIT.OK;
}
