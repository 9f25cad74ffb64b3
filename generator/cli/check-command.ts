/**
 * `unilog check`: the CI gate. Compares every topic of the catalog (key and value schemas, partitions, cleanup policy,
 * visibility) with a baseline and refuses changes that would break producers or consumers.
 * Exit 0 clean, 100 violations found, 1 input or usage error, 2 internal error.
 */
import { loadConfig } from '../config/load-config.js';
import { formatLocated, UserErrors, type Diagnostic } from '../diagnostics.js';
import { parseBaselineSpec } from '../compat/gate/baseline.js';
import { RULES } from '../compat/gate/finding.js';
import { githubCommand } from '../compat/gate/print-github.js';
import { FORMATS, isFormat, PRINTERS, type CheckReport, type Format } from '../compat/gate/report.js';
import { runCheck } from '../compat/gate/run-check.js';
import { printJunitErrors } from '../compat/gate/print-junit.js';
import { parseArgs } from './args.js';
import { REGISTRY_FLAGS, REGISTRY_FLAGS_HELP, registryConnection } from './connection-flags.js';
import { EXIT, internalError, printUsageError, UsageError } from './exit-codes.js';

export const CHECK_HELP = `Usage: unilog check --against <baseline> [options]

Compares the schemas and topic catalog with a baseline and fails on changes that break
producers or consumers: each topic's key and value at its compatibility level (default
BACKWARD), and the catalog rules below.

Baselines:
  git:<ref>        the files at a git ref of this checkout (e.g. git:origin/main); transitive
                   levels use every version in the history reachable from the ref
  dir:<path>       an old copy of the schemas folder (its catalog at the same relative place)
  registry:<url>   every registered version of the subjects <topic>-key and <topic>-value in a
                   Confluent-API schema registry

Options:
  --against BASELINE   required
  --schemas DIR        schemas folder (default: from unilog.config.yaml, else schemas)
  --catalog FILE       topic catalog (default: from unilog.config.yaml, else DIR/topics.yaml)
  --config FILE        config file (default: unilog.config.yaml if present)
  --accept FILE        intentional breaks (default: DIR/compat-accept.yaml if present)
  --fail-on-unused-accept
                       an accept entry that excuses nothing is a violation (ACCEPT_UNUSED); without
                       it, a note (the usual state once the break has merged into the baseline)
  --format FORMAT      ${FORMATS.join(' | ')} (default: text)

${REGISTRY_FLAGS_HELP}

Rules:
${Object.entries(RULES).map(([id, purpose]) => `  ${id.padEnd(35)} ${purpose}`).join('\n')}

Exit status: 0 no violations, 100 violations found, 1 usage or input error (an invalid schema,
an unknown ref ...), 2 internal error. See docs/compat.md.
`;

export async function runCheckCommand(argv: readonly string[]): Promise<number> {
  try {
    return await check(argv);
  } catch (e) {
    return internalError('check', e);
  }
}

const FLAGS = {
  against: 'string', schemas: 'string', catalog: 'string', config: 'string', accept: 'string', 'fail-on-unused-accept': 'boolean', format: 'string', help: 'boolean', ...REGISTRY_FLAGS,
} as const;

async function check(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv, FLAGS);
  } catch (e) {
    if (e instanceof UsageError) return printUsageError('check', e.message, CHECK_HELP);
    throw e;
  }
  const { flags, positional } = parsed;
  if (flags.help) {
    process.stdout.write(CHECK_HELP);
    return EXIT.OK;
  }
  if (positional.length > 0) return printUsageError('check', `unexpected argument '${positional[0]}'`, CHECK_HELP);
  const format = flags.format ?? 'text';
  if (!isFormat(format)) return printUsageError('check', `--format must be one of ${FORMATS.join(', ')}, not '${format}'`, CHECK_HELP);
  if (flags.against === undefined) return printUsageError('check', '--against is required (git:<ref>, dir:<path> or registry:<url>)', CHECK_HELP);
  const parsedSpec = parseBaselineSpec(flags.against);
  if (typeof parsedSpec === 'string') return printUsageError('check', parsedSpec, CHECK_HELP);
  let against = parsedSpec;
  if (against.kind === 'registry') {
    try {
      against = { ...against, connection: registryConnection(against.url, flags, process.env, 'registry:') };
    } catch (e) {
      if (e instanceof UsageError) return printUsageError('check', e.message, CHECK_HELP);
      throw e;
    }
  } else if (flags['registry-ca'] !== undefined) return printUsageError('check', '--registry-ca goes with --against registry:<url>', CHECK_HELP);

  const cwd = process.cwd();
  let report: CheckReport;
  try {
    const { schemas, catalog, accept, acceptRequired } = loadConfig(flags, cwd);
    report = await runCheck({
      against, schemasDir: schemas, catalogFile: catalog, acceptFile: accept, acceptRequired, failOnUnusedAccept: flags['fail-on-unused-accept'] === true, cwd,
    });
  } catch (e) {
    if (e instanceof UserErrors) return inputErrors(e.diagnostics, format);
    throw e;
  }

  process.stdout.write(PRINTERS[format](report));
  if (format !== 'json' && format !== 'github') for (const note of report.notes) process.stderr.write(`unilog check: note: ${note}\n`);
  const v = report.violations.length;
  const a = report.accepted.length;
  process.stderr.write(
    `unilog check: ${v === 0 ? 'no violations' : `${v} violation${v === 1 ? '' : 's'}`}${a > 0 ? `, ${a} accepted` : ''} ` +
      `(${report.topicsChecked} topic${report.topicsChecked === 1 ? '' : 's'} compared with ${report.against})\n`,
  );
  return v === 0 ? EXIT.OK : EXIT.FINDINGS;
}

/** One `file:line:col: message` line per error on stderr; json, github and junit also get them in their own form. */
function inputErrors(diagnostics: readonly Diagnostic[], format: Format): number {
  process.stderr.write(`${diagnostics.map(formatLocated).join('\n')}\n`);
  if (format === 'json') {
    const errors = diagnostics.map(({ file, line, col, code, message }) => ({ file, line, col, code, message }));
    process.stdout.write(`${JSON.stringify({ errors }, null, 2)}\n`);
  }
  if (format === 'github') {
    process.stdout.write(`${diagnostics.map((d) => githubCommand('error', d, d.code, d.message)).join('\n')}\n`);
  }
  if (format === 'junit') process.stdout.write(printJunitErrors(diagnostics));
  return EXIT.USER_ERROR;
}
