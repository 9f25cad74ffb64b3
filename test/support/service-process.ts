/**
 * A compiled service of services/ run as its own process, as in production: built once, started with its config.yaml
 * and an environment, ready when it logs "<name> started" (with its app and admin URLs).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRuntimeLink } from '../../generator/scaffold/runtime-link.js';
import { REPO } from './generate-into.js';

export interface ServiceProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly app: string;
  readonly admin: string;
  readonly log: string[];
  readonly exited: Promise<number | null>;
}

const running: ChildProcessWithoutNullStreams[] = [];

/** Compiles services/<name> against the built runtime; throws with tsc's output if it does not compile. */
export function buildService(name: string): void {
  if (!existsSync(join(REPO, 'dist', 'runtime', 'index.js'))) throw new Error('run `npm run build` first: services run on the compiled runtime');
  const dir = join(REPO, 'services', name);
  ensureRuntimeLink(dir, REPO);
  const build = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`services/${name} does not compile:\n${build.stdout}${build.stderr}`);
}

/** Runs services/<name> (compiled) with its config.yaml, any free ports and `env`; killed by `killAll`. */
export function spawnService(name: string, env: Record<string, string>): ChildProcessWithoutNullStreams {
  const dir = join(REPO, 'services', name);
  const child = spawn(process.execPath, [join(dir, 'dist', 'services', name, 'src', 'main.js'), '--config', join(dir, 'config.yaml')], {
    cwd: dir,
    env: { ...process.env, PORT: '0', ADMIN_PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  running.push(child);
  return child;
}

/** Starts services/<name>; resolves once it logged that both ports are open, rejects if it exits first. */
export function startService(name: string, env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawnService(name, env);
  const log: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        log.push(line);
        const entry = JSON.parse(line) as { msg?: string; app?: string; admin?: string };
        if (entry.msg === `${name} started`) resolve({ child, app: entry.app!, admin: entry.admin!, log, exited });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    void exited.then((code) => reject(Object.assign(new Error(`${name} exited with ${code} before it started:\n${log.join('\n')}`), { log, code })));
  });
}

/** SIGKILLs every process started here that still runs (afterAll). */
export function killAll(): void {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
