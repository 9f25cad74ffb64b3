/**
 * The `main` of a service: config from `--config FILE` (else `$CONFIG_FILE`, else `config.yaml`), start, and a
 * graceful stop on SIGTERM / SIGINT within `shutdown.graceMs`. A bad configuration prints one line per problem
 * (`config.yaml:line:col: key: expected`) and exits 1 before anything starts; a second signal exits at once.
 */
import { ServiceConfigError } from './config/config-error.js';
import { createService, type Service, type ServiceDefinition, type ServiceOptions } from './service.js';

export interface RunOptions extends Partial<ServiceOptions> {
  /** Default `process.argv.slice(2)`. */
  readonly argv?: readonly string[];
  /** Default `['SIGTERM', 'SIGINT']`. */
  readonly signals?: readonly NodeJS.Signals[];
}

export function configPathFrom(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): string {
  const i = argv.findIndex((a) => a === '--config' || a.startsWith('--config='));
  if (i >= 0) {
    const arg = argv[i]!;
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
    if (value) return value;
  }
  return env['CONFIG_FILE'] || 'config.yaml';
}

export async function runService<Ops, Ctx, App>(def: ServiceDefinition<Ops, Ctx, App>, options: RunOptions = {}): Promise<Service<App> | undefined> {
  let service: Service<App>;
  try {
    service = await createService(def, { ...options, config: options.config ?? configPathFrom(options.argv ?? process.argv.slice(2)) });
  } catch (e) {
    if (!(e instanceof ServiceConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
    return undefined;
  }
  const { log } = service;
  const exit = (code: number): void => {
    // Wait for the log to be written, but never more than a second (stdout may be stuck).
    void Promise.race([service.flush(), new Promise((r) => setTimeout(r, 1000))]).finally(() => process.exit(code));
  };
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let started = false;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!started) {
      // Nothing has been served or acknowledged yet: leave at once.
      log.warn(`${signal} while starting: exiting`);
      return exit(1);
    }
    if (stopping) {
      log.warn(`${signal} again: exiting now`);
      return exit(1);
    }
    stopping = true;
    const grace = service.config.shutdown.graceMs;
    log.info({ signal, graceMs: grace }, `${signal}: stopping ${service.name}`);
    const timer = setTimeout(() => {
      log.error(`not stopped within ${grace} ms: exiting`);
      exit(1);
    }, grace);
    timer.unref();
    service.stop().then(
      () => {
        log.info(`${service.name} stopped`);
        exit(0);
      },
      (e: unknown) => {
        log.error({ err: e }, `${service.name} stopped with errors`);
        exit(1);
      },
    );
  };
  for (const s of signals) process.on(s, onSignal);
  try {
    await service.start();
    started = true;
  } catch (e) {
    log.fatal({ err: e }, `${service.name} did not start`);
    exit(1);
    return undefined;
  }
  return service;
}
