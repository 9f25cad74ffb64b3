import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCompatCommand } from '../../generator/cli/compat-command.js';
import { capture } from './capture-output.js';

let dir = '';
const file = (name: string, schema: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
  return path;
};
const record = (fields: unknown[]): unknown => ({ type: 'record', name: 'User', namespace: 'com.acme', fields });

let v1 = '';
let v2 = '';
let v3 = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'unilog-compat-'));
  v1 = file('v1.avsc', record([{ name: 'id', type: 'string' }]));
  v2 = file('v2.avsc', record([{ name: 'id', type: 'string' }, { name: 'age', type: 'int', default: 0 }]));
  v3 = file('v3.avsc', record([{ name: 'id', type: 'string' }, { name: 'age', type: 'int', default: 0 }, { name: 'email', type: 'string' }]));
});

describe('unilog compat --reader --writer', () => {
  test('compatible: exit 0, json verdict', async () => {
    const r = await capture(() => runCompatCommand(['--reader', v2, '--writer', v1, '--format', 'json']));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ compatible: true, incompatibilities: [] });
  });

  test('incompatible: exit 100, json lists type, location and message', async () => {
    const r = await capture(() => runCompatCommand(['--reader', v3, '--writer', v1, '--format', 'json']));
    expect(r.code).toBe(100);
    expect(JSON.parse(r.stdout)).toEqual({
      compatible: false,
      incompatibilities: [{ type: 'READER_FIELD_MISSING_DEFAULT_VALUE', location: '/fields/2', message: 'email' }],
    });
  });

  test('text output points at the field in the reader file (the name token of the field added without default)', async () => {
    const r = await capture(() => runCompatCommand(['--reader', v3, '--writer', v1]));
    expect(r.code).toBe(100);
    const [first] = r.stdout.split('\n');
    expect(first).toMatch(/v3\.avsc:16:15: READER_FIELD_MISSING_DEFAULT_VALUE field 'email' of record 'com\.acme\.User'/);
  });

  test('a top-level array is one union schema', async () => {
    const u = file('u.avsc', ['null', 'string']);
    const s = file('s.avsc', 'string');
    expect((await capture(() => runCompatCommand(['--reader', u, '--writer', s]))).code).toBe(0);
    const r = await capture(() => runCompatCommand(['--reader', s, '--writer', u, '--format', 'json']));
    expect(JSON.parse(r.stdout).incompatibilities).toEqual([
      { type: 'TYPE_MISMATCH', location: '/0', message: 'reader type: STRING not compatible with writer type: NULL' },
    ]);
  });

  test('an invalid schema is reported as invalid, never given a verdict: exit 1', async () => {
    const bad = file('bad.avsc', record([{ name: 'n', type: 'int', default: 'x' }]));
    const r = await capture(() => runCompatCommand(['--reader', bad, '--writer', v1, '--format', 'json']));
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { invalid: string[] };
    expect(Object.keys(out)).toEqual(['invalid']);
    expect(out.invalid).toHaveLength(1);
    expect(out.invalid[0]).toMatch(/bad\.avsc:9:18: default of field 'n' must be/);
    const text = await capture(() => runCompatCommand(['--reader', bad, '--writer', v1]));
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/bad\.avsc:9:18: /);
  });
});

describe('unilog compat --schemas: named types from a folder', () => {
  const geo = { type: 'record', name: 'Geo', namespace: 'com.acme', fields: [{ name: 'lat', type: 'double' }] };
  const user = (extra: unknown[]): unknown => record([{ name: 'id', type: 'string' }, { name: 'home', type: 'com.acme.Geo' }, ...extra]);

  test('a file that refers to a type of the folder is checked; its own User wins over the folder copy', async () => {
    const folder = join(dir, 'schemas-geo');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'geo.avsc'), JSON.stringify(geo));
    writeFileSync(join(folder, 'user.avsc'), JSON.stringify(user([])));
    const newer = file('user-newer.avsc', user([{ name: 'email', type: 'string' }]));
    const r = await capture(() => runCompatCommand(['--reader', newer, '--writer', join(folder, 'user.avsc'), '--schemas', folder, '--format', 'json']));
    expect(r.code).toBe(100);
    expect(JSON.parse(r.stdout).incompatibilities).toEqual([{ type: 'READER_FIELD_MISSING_DEFAULT_VALUE', location: '/fields/2', message: 'email' }]);
  });

  test("a schema whose type the folder redefines is still read by Java's rules once the folder copy is left out", async () => {
    // Java accepts a fixed default of another length; generate's stricter rules would refuse it.
    const folder = join(dir, 'schemas-redefined');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'geo.avsc'), JSON.stringify(geo));
    writeFileSync(join(folder, 'user.avsc'), JSON.stringify(user([])));
    const hash = { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 4 }, default: 'ab' };
    const reader = file('user-hash.avsc', user([hash]));
    const r = await capture(() => runCompatCommand(['--reader', reader, '--writer', join(folder, 'user.avsc'), '--schemas', folder, '--format', 'json']));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ compatible: true, incompatibilities: [] });
  });

  test('a broken file of the folder is reported once, not left out', async () => {
    const folder = join(dir, 'schemas-broken');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'geo.avsc'), JSON.stringify(geo));
    writeFileSync(join(folder, 'other.avsc'), JSON.stringify({ type: 'record', name: 'Other', fields: [{ name: 'n', type: 'int', default: 'x' }] }));
    const lone = file('user-folder.avsc', user([]));
    const r = await capture(() => runCompatCommand(['--reader', lone, '--writer', lone, '--schemas', folder]));
    expect(r.code).toBe(1);
    // Once, though both the reader and the writer were read with the folder.
    expect(r.stderr).toMatch(/^\S*schemas-broken\/other\.avsc:1:78: default of field 'n' must be an int [^\n]*\n$/);
  });

  test('without the folder, the unknown type is reported with what to do', async () => {
    const lone = file('user-lone.avsc', user([]));
    const r = await capture(() => runCompatCommand(['--reader', lone, '--writer', lone]));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("user-lone.avsc:12:15: unknown type 'com.acme.Geo'");
    expect(r.stderr).toContain('name the folder of .avsc files that defines it with --schemas DIR');
  });
});

describe('unilog compat --level', () => {
  test('BACKWARD looks only at the latest version', async () => {
    const r = await capture(() => runCompatCommand(['--level', 'BACKWARD', v1, v2, '--format', 'json']));
    expect(r.code).toBe(0);
  });

  test('FORWARD: the old schema cannot read the candidate; text points into the candidate', async () => {
    // v1 reader cannot read a writer without 'id'.
    const noId = file('no-id.avsc', record([{ name: 'age', type: 'int', default: 0 }]));
    const r = await capture(() => runCompatCommand(['--level', 'FORWARD', v2, noId]));
    expect(r.code).toBe(100);
    expect(r.stdout).toMatch(/no-id\.avsc:\d+:\d+: READER_FIELD_MISSING_DEFAULT_VALUE .*cannot read the new schema/);
  });

  test('BACKWARD_TRANSITIVE checks every version', async () => {
    const dropDefault = file('v4.avsc', record([{ name: 'id', type: 'string' }, { name: 'age', type: 'int' }]));
    expect((await capture(() => runCompatCommand(['--level', 'BACKWARD', v1, v2, dropDefault]))).code).toBe(0);
    const r = await capture(() => runCompatCommand(['--level', 'BACKWARD_TRANSITIVE', v1, v2, dropDefault, '--format', 'json']));
    expect(r.code).toBe(100);
    expect(JSON.parse(r.stdout).incompatibilities).toEqual([
      { type: 'READER_FIELD_MISSING_DEFAULT_VALUE', location: '/fields/1', message: 'age' },
    ]);
  });

  test('NONE never fails', async () => {
    expect((await capture(() => runCompatCommand(['--level', 'NONE', v3, v1]))).code).toBe(0);
  });
});

describe('usage errors exit 1', () => {
  test.each([
    [['--reader', 'a.avsc']],
    [['--level', 'SIDEWAYS', 'a.avsc']],
    [['--level', 'FULL']],
    [['--format', 'xml', '--reader', 'a', '--writer', 'b']],
    [['--bogus']],
    [[]],
  ])('%j', async (argv) => {
    const r = await capture(() => runCompatCommand(argv));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^unilog compat: /);
  });

  test('--help prints the help and exits 0', async () => {
    const r = await capture(() => runCompatCommand(['--help']));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('unilog compat --reader');
  });
});
