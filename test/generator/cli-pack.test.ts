/**
 * `unilog pack` as a user runs it: the package folder it writes, its package.json, versions that follow the schemas,
 * and its errors (test/integration/package-install.test.ts installs such a package into a fresh project).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageManifest, schemaHash } from '../../generator/package/package-manifest.js';
import { missingPeerMessage } from '../../generator/package/missing-peer.js';
import { unilog, workDir, writeFiles } from '../support/generate-into.js';

const SCHEMAS = {
  'schemas/a.avsc': '{"type":"record","name":"A","namespace":"x.y","fields":[{"name":"b","type":"string"}]}',
  'schemas/topics.yaml': 'topics:\n  - name: as\n    key: string\n    value: x.y.A\n    visibility: shared\n    owner: a-service\n    partitions: 1\n    cleanupPolicy: delete\n',
};

describe('unilog pack', () => {
  test('writes compiled modules with declarations and a package.json that exports each of them', () => {
    // Inside the repository, so the generated imports of unilog/runtime resolve to this package (as installed).
    const dir = workDir('pack-good');
    writeFiles(dir, { ...SCHEMAS, 'unilog.config.yaml': "package:\n  name: '@acme/schemas'\n  version: 2.1.0\n" });
    const r = unilog(dir, 'pack', '--no-tarball');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote @acme\/schemas@2\.1\.0 \(5 modules, schemas sha256-[0-9a-f]{16}\) to dist\/package\n$/);
    const pkgDir = join(dir, 'dist', 'package');
    expect(readdirSync(join(pkgDir, 'types')).sort()).toEqual(['x.y.d.ts', 'x.y.js']);
    expect(readFileSync(join(pkgDir, 'types', 'x.y.js'), 'utf8')).toContain("from 'unilog/runtime'");
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(pkg['exports'] as object)).toEqual(['.', './codec-options', './codecs', './topics', './types/x.y', './package.json']);
    expect(pkg['type']).toBe('module');
    expect(pkg['peerDependencies']).toEqual({ unilog: '^0.1.0' });
    // Nothing but the package folder: generated/ is neither read nor written.
    expect(existsSync(join(dir, 'generated'))).toBe(false);

    // A changed schema gives another hash and, without a configured version, another version; the folder is replaced.
    writeFileSync(join(dir, 'unilog.config.yaml'), "package:\n  name: '@acme/schemas'\n");
    writeFiles(dir, { 'schemas/a.avsc': SCHEMAS['schemas/a.avsc'].replace('"string"', '"int"') });
    const changed = unilog(dir, 'pack', '--no-tarball');
    const hash = changed.stdout.match(/sha256-[0-9a-f]{16}/)?.[0];
    expect(hash).not.toBe(r.stdout.match(/sha256-[0-9a-f]{16}/)?.[0]);
    expect(changed.stdout).toContain(`@acme/schemas@0.0.0-${hash} `);
    expect((JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { unilog: unknown }).unilog).toEqual({ schemaHash: hash, generator: '0.1.0' });
  }, 240_000);

  test('refuses a missing or invalid name or version, and a folder it did not write, with one line each', () => {
    const dir = workDir('pack-errors');
    writeFiles(dir, SCHEMAS);
    expect(unilog(dir, 'pack')).toMatchObject({ code: 1, stderr: "unilog pack: no package name: give --name, or set package.name in unilog.config.yaml (e.g. '@state/schemas')\n" });
    expect(unilog(dir, 'pack', '--name', 'Bad Name')).toMatchObject({ code: 1, stderr: "unilog pack: --name must be an npm package name (lower case, e.g. '@state/schemas'), got 'Bad Name'\n" });
    expect(unilog(dir, 'pack', '--name', 'ok', '--version', '1.0')).toMatchObject({ code: 1, stderr: "unilog pack: --version must be a semantic version without build metadata (e.g. '1.4.0'), got '1.0'\n" });
    writeFiles(dir, { 'unilog.config.yaml': 'package:\n  name: Schemas\n  version: v1\n' });
    expect(unilog(dir, 'pack')).toMatchObject({
      code: 1,
      stderr: "unilog.config.yaml:2:9: 'name' must be an npm package name (lower case, e.g. '@state/schemas'), got 'Schemas'\nunilog.config.yaml:3:12: 'version' must be a semantic version without build metadata (e.g. '1.4.0'), got 'v1'\n",
    });
    writeFiles(dir, { 'unilog.config.yaml': 'package:\n  name: ok\n', 'dist/package/mine.txt': 'a user file' });
    expect(unilog(dir, 'pack', '--no-tarball')).toMatchObject({ code: 1, stderr: 'dist/package:1:1: exists and was not written by `unilog pack`; move it away or choose another --out\n' });
    expect(readFileSync(join(dir, 'dist', 'package', 'mine.txt'), 'utf8')).toBe('a user file');
  }, 120_000);

  test('exports follow the generated files, so a new kind of module needs no change to the packer', () => {
    const manifest = packageManifest({
      name: 'p', version: '1.0.0', hash: 'sha256-0', unilogVersion: '0.1.0',
      files: ['index.js', 'index.d.ts', 'services/pets.js', 'services/pets.d.ts', 'services/pets.openapi.js', 'services/pets.openapi.d.ts'],
    });
    expect(manifest['exports']).toEqual({
      '.': { types: './index.d.ts', default: './index.js' },
      './services/pets': { types: './services/pets.d.ts', default: './services/pets.js' },
      './services/pets.openapi': { types: './services/pets.openapi.d.ts', default: './services/pets.openapi.js' },
      './package.json': './package.json',
    });
    expect(schemaHash([{ path: 'a.ts', content: 'x' }, { path: 'b.ts', content: 'y' }])).toBe(schemaHash([{ path: 'b.ts', content: 'y' }, { path: 'a.ts', content: 'x' }]));
  });

  test('a missing kafkajs is named with the command that installs it', () => {
    const error = Object.assign(new Error("Cannot find package 'kafkajs' imported from /app/node_modules/unilog/dist/generator/cli/topics-command.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(missingPeerMessage(error)).toBe("unilog: kafkajs is not installed: it is a peer dependency of unilog, installed beside it (npm install kafkajs@'^2.2.4')");
    expect(missingPeerMessage(Object.assign(new Error("Cannot find package 'left-pad' imported from x"), { code: 'ERR_MODULE_NOT_FOUND' }))).toBeUndefined();
  });
});
