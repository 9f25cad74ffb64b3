/** Test helper: run the whole compile on schema texts and write the output under test/.tmp (inside the package, so
 * generated imports of `unilog/runtime` resolve exactly as they do for a user). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type UnilogConfig } from '../../generator/config/load-config.js';
import { formatLocated } from '../../generator/diagnostics.js';
import { runPipeline } from '../../generator/pipeline.js';
import { writeOutput } from '../../generator/output/write-output.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TMP = join(REPO, 'test', '.tmp');
/** The CLI as a user runs it (built: `npm test` builds first). */
export const BIN = join(REPO, 'bin', 'unilog.js');

/** Runs `unilog ...args` in `cwd` and returns how it ended and what it printed. */
export function unilog(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function workDir(name: string): string {
  const dir = join(TMP, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Generates from `schemasDir` into `outDir`; throws with every diagnostic if the input is invalid. */
export async function generateInto(schemasDir: string, outDir: string, configYaml?: string): Promise<UnilogConfig> {
  // Resolve from the work folder, so the repository's own unilog.config.yaml plays no part.
  const cwd = dirname(outDir);
  let config = loadConfig({ schemas: schemasDir, out: outDir }, cwd);
  if (configYaml !== undefined) {
    const cfgPath = join(dirname(outDir), 'unilog.config.yaml');
    writeFileSync(cfgPath, configYaml);
    config = loadConfig({ config: cfgPath, schemas: schemasDir, out: outDir }, cwd);
  }
  const result = await runPipeline(config);
  if (result.diagnostics.length) throw new Error(result.diagnostics.map(formatLocated).join('\n'));
  writeOutput(outDir, result.files);
  return config;
}
