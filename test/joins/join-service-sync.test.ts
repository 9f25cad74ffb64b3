/**
 * `unilog generate` on a join service (`unilog.joins.yaml`): a join it owns without a stub gets one, and an entry whose
 * join schemas/joins.yaml no longer declares stops the run (nothing written, so the service keeps building).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO, workDir, writeFiles } from '../support/generate-into.js';

const BIN = join(REPO, 'bin', 'unilog.js');
const unilog = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const SERVICE = 'services/connections-joiner';

function project(): string {
  const dir = workDir('join-service-sync');
  const files: Record<string, string> = { 'unilog.config.yaml': 'services: [services]\n' };
  for (const f of readdirSync(join(REPO, 'schemas'))) if (/\.(avsc|yaml)$/.test(f)) files[`schemas/${f}`] = readFileSync(join(REPO, 'schemas', f), 'utf8');
  for (const f of ['unilog.joins.yaml', 'src/joins/index.ts']) files[`${SERVICE}/${f}`] = readFileSync(join(REPO, SERVICE, f), 'utf8');
  writeFiles(dir, files);
  return dir;
}

describe('generate keeps join services in step with schemas/joins.yaml', () => {
  test('an entry whose join is gone is an error at the entry, and nothing is written', () => {
    const dir = project();
    expect(unilog(dir, 'generate')).toMatchObject({ code: 0, err: '' });
    const joinsFile = join(dir, 'schemas/joins.yaml');
    writeFileSync(joinsFile, 'joins: []\n');
    const generated = readdirSync(join(dir, 'generated/joins'));
    const r = unilog(dir, 'generate');
    expect(r.err).toBe(
      `${SERVICE}/src/joins/index.ts:9:3: connections-joiner runs a join usersWithConnectionsJoin that schemas/joins.yaml no longer gives it: ` +
        'remove this entry, its imports and its function file, or restore the declaration (owner connections-joiner)\n',
    );
    expect(r.code).toBe(1);
    expect(readdirSync(join(dir, 'generated/joins'))).toEqual(generated);
  });

  test('a join the service owns without an entry gets a stub and an entry', () => {
    const dir = project();
    const index = join(dir, SERVICE, 'src/joins/index.ts');
    writeFileSync(index, readFileSync(index, 'utf8').replace(/^import \{ usersWithConnections(Join)? \}.*\n/gm, '').replace(/^ {2}bindJoin\(.*\n/m, ''));
    expect(unilog(dir, 'generate', '--check')).toMatchObject({ code: 1 });
    const r = unilog(dir, 'generate');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`added ${SERVICE}/src/joins/users-with-connections.ts`);
    expect(readFileSync(index, 'utf8')).toContain('  bindJoin(usersWithConnectionsJoin, usersWithConnections),');
  });
});
