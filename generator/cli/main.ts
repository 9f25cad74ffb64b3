/** The `unilog` command: dispatches to a verb, prints user errors as `file:line:col: message`, maps exit codes. */
import { UserErrors, formatLocated } from '../diagnostics.js';
import { EXIT, internalError, UsageError } from './exit-codes.js';

/** A verb's help and entry point, in a module of its own. */
interface VerbModule {
  readonly help: string;
  run(argv: readonly string[]): Promise<number>;
}

interface Verb {
  readonly summary: string;
  /**
   * Imports the verb's module only when that verb runs: `generate` would otherwise load the whole compat gate (some
   * 30 modules, git and registry clients) on every run, which is a large share of its start-up on a big project.
   */
  load(): Promise<VerbModule>;
}

const VERBS: Readonly<Record<string, Verb>> = {
  generate: {
    summary: 'compile schemas/ into typed codecs and topic bindings in generated/',
    load: async () => {
      const m = await import('./generate-command.js');
      return { help: m.GENERATE_HELP, run: m.runGenerateCommand };
    },
  },
  check: {
    summary: 'CI gate: refuse schema and catalog changes that break readers or writers of a topic',
    load: async () => {
      const m = await import('./check-command.js');
      return { help: m.CHECK_HELP, run: m.runCheckCommand };
    },
  },
  compat: {
    summary: 'check Avro schema files against each other (reader/writer, or a version history at a level)',
    load: async () => {
      const m = await import('./compat-command.js');
      return { help: m.COMPAT_HELP, run: m.runCompatCommand };
    },
  },
  topics: {
    summary: "compare the catalog's topics with a Kafka cluster, and create the missing ones (--create)",
    load: async () => {
      const m = await import('./topics-command.js');
      return { help: m.TOPICS_HELP, run: m.runTopicsCommand };
    },
  },
  registry: {
    summary: "bring a schema registry in step with the catalog: levels and schemas (push), or show what differs (diff)",
    load: async () => {
      const m = await import('./registry-command.js');
      return { help: m.REGISTRY_HELP, run: m.runRegistryCommand };
    },
  },
  pack: {
    summary: 'build the generated code as an npm package other repositories install (docs/consuming.md)',
    load: async () => {
      const m = await import('./pack-command.js');
      return { help: m.PACK_HELP, run: m.runPackCommand };
    },
  },
  tailer: {
    summary: "list the database's replication slots, or drop a tailer's slot (a forgotten slot keeps WAL forever)",
    load: async () => {
      const m = await import('./tailer-command.js');
      return { help: m.TAILER_HELP, run: m.runTailerCommand };
    },
  },
  new: {
    summary: 'scaffold a service from its contract: unilog new service <name> --contract FILE',
    load: async () => {
      const m = await import('./new-command.js');
      return { help: m.NEW_HELP, run: m.runNewCommand };
    },
  },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(VERBS).map((v) => v.length));
  return [
    'unilog: typed Kafka producers, consumers and services from Avro schemas and a topic catalog.',
    '',
    'Usage: unilog <command> [options]',
    '       unilog --version',
    '',
    'Commands:',
    ...Object.entries(VERBS).map(([name, v]) => `  ${name.padEnd(width)}  ${v.summary}`),
    '',
    'Run `unilog <command> --help` for the options of a command.',
    'Exit codes: 0 ok, 1 user error, 2 internal error, 100 findings (`check` violations, `compat` incompatibilities, `topics` drift, `registry diff` differences).',
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [verbName, ...rest] = argv;
  if (verbName === undefined || verbName === '--help' || verbName === '-h' || verbName === 'help') {
    process.stdout.write(`${mainHelp()}\n`);
    return verbName === undefined ? EXIT.USER_ERROR : EXIT.OK;
  }
  if (verbName === '--version' || verbName === '-v') {
    const { unilogPackage } = await import('../package/unilog-package.js');
    process.stdout.write(`${unilogPackage().version}\n`);
    return 0;
  }
  const verb = Object.hasOwn(VERBS, verbName) ? VERBS[verbName] : undefined;
  if (!verb) {
    process.stderr.write(`unilog: unknown command '${verbName}' (run \`unilog --help\`)\n`);
    return EXIT.USER_ERROR;
  }
  const { help, run } = await verb.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(help.endsWith('\n') ? help : `${help}\n`);
    return EXIT.OK;
  }
  try {
    return await run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`unilog ${verbName}: ${e.message}\n`);
      return EXIT.USER_ERROR;
    }
    if (e instanceof UserErrors) {
      for (const d of e.diagnostics) process.stderr.write(`${formatLocated(d)}\n`);
      return EXIT.USER_ERROR;
    }
    return internalError(verbName, e);
  }
}
