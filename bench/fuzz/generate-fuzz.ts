/**
 * Mutated inputs into `unilog generate`: a small project (two schema files, a catalog, a config and a service
 * contract), one file mutated per run (characters deleted, duplicated or swapped for YAML/JSON punctuation, lines
 * repeated or dropped, the file cut short), the CLI run in a copy. A run must exit 0 (a harmless mutation) or 1 with
 * every stderr line a `file:line:col: message` (warnings too); exit 2, a stack trace, another exit or an unlocated line
 * is a failure, reported with the mutated file's text.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { seededRandom, type Random } from './fuzz-random.js';

export const SMALL_PROJECT: Readonly<Record<string, string>> = {
  'unilog.config.yaml': 'schemas: schemas\ncatalog: schemas/topics.yaml\nout: generated\ntypes:\n  long: number\n',
  'schemas/a.avsc': JSON.stringify({
    type: 'record', name: 'A', namespace: 'x', doc: 'an A',
    fields: [
      { name: 'id', type: 'string' },
      { name: 'n', type: 'long', default: 0 },
      { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['ONE', 'TWO'], default: 'ONE' } },
      { name: 'tags', type: { type: 'array', items: 'string' }, default: [] },
      { name: 'b', type: ['null', 'x.B'], default: null },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    ],
  }, null, 2),
  'schemas/b.avsc': JSON.stringify({
    type: 'record', name: 'B', namespace: 'x',
    fields: [{ name: 'size', type: 'int' }, { name: 'attrs', type: { type: 'map', values: 'double' } }, { name: 'id', type: { type: 'fixed', name: 'Id', size: 4 } }],
  }, null, 2),
  'schemas/topics.yaml':
    'topics:\n  - name: as\n    key: string\n    value: x.A\n    visibility: shared\n    owner: a-service\n    partitions: 3\n    cleanupPolicy: compact\n    compatibility: BACKWARD\n',
  'schemas/services/pets.yaml': `openapi: 3.1.0
info: { title: Pets, version: 1.0.0 }
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
        '404': { description: missing }
components:
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: { type: string }
        name: { type: string, maxLength: 50 }
`,
};

const TOKENS = ['{', '}', '[', ']', '"', ':', ',', '-', ' ', '\n', '\t', '#', '&a', '*a', '!!str', '$ref', 'null', '1e999', '"\\u0000"', "'"];

export function mutateText(text: string, r: Random): string {
  const at = r.int(text.length + 1);
  const lines = text.split('\n');
  const line = r.int(lines.length);
  switch (r.int(6)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + r.int(8));
    case 1:
      return text.slice(0, at) + r.pick(TOKENS) + text.slice(at);
    case 2:
      return text.slice(0, at) + r.pick(TOKENS) + text.slice(at + 1);
    case 3:
      return [...lines.slice(0, line + 1), lines[line]!, ...lines.slice(line + 1)].join('\n');
    case 4:
      return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
    default:
      return text.slice(0, at);
  }
}

export interface GenerateFuzzReport {
  readonly runs: number;
  readonly byExit: Readonly<Record<string, number>>;
  readonly byFile: Readonly<Record<string, number>>;
  readonly failures: readonly string[];
}

const LOCATED = /^(warning: )?[^\s:][^:]*:\d+:\d+: \S/;

/** `bin` is bin/unilog.js; each run gets its own copy of the project under the OS temp folder. */
export function fuzzGenerate(bin: string, options: { seed: number; runs: number; deadlineMs?: number }): GenerateFuzzReport {
  const r = seededRandom(options.seed);
  const deadline = options.deadlineMs === undefined ? Infinity : performance.now() + options.deadlineMs;
  const byExit: Record<string, number> = {};
  const byFile: Record<string, number> = {};
  const failures: string[] = [];
  const files = Object.keys(SMALL_PROJECT);
  const root = mkdtempSync(join(tmpdir(), 'unilog-generate-fuzz-'));
  let runs = 0;
  try {
    for (; runs < options.runs && performance.now() < deadline; runs++) {
      const dir = join(root, String(runs));
      const target = r.pick(files);
      let text = SMALL_PROJECT[target]!;
      for (let n = 1 + r.int(3); n > 0; n--) text = mutateText(text, r);
      for (const [path, original] of Object.entries(SMALL_PROJECT)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), path === target ? text : original);
      }
      const run = spawnSync(process.execPath, [bin, 'generate'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      const code = run.status === null ? `signal ${run.signal}` : String(run.status);
      byExit[code] = (byExit[code] ?? 0) + 1;
      byFile[target] = (byFile[target] ?? 0) + 1;
      const unlocated = run.stderr.split('\n').filter((l) => l.length > 0 && !LOCATED.test(l));
      const problem =
        code !== '0' && code !== '1' ? `exit ${code}` : code === '1' && run.stderr.trim() === '' ? 'exit 1 with nothing on stderr' : unlocated.length > 0 ? `unlocated line: ${unlocated[0]!.slice(0, 200)}` : undefined;
      if (problem !== undefined && failures.length < 10) failures.push(`${target}: ${problem}\n--- mutated ${target} ---\n${text.slice(0, 1500)}`);
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { runs, byExit, byFile, failures };
}
