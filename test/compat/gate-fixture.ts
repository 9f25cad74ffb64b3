/**
 * A real git repository in a temp folder, holding `schemas/*.avsc` and `schemas/topics.yaml`, for the gate's tests.
 * Schemas are written one field per line so each test can name the exact line and column it expects:
 * field i (0-based) is on line 4 + i, and its name token starts at column 14.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function recordText(name: string, fields: readonly string[], extra = ''): string {
  return [
    '{',
    `  "type": "record", "name": "${name}", "namespace": "com.acme"${extra},`,
    '  "fields": [',
    ...fields.map((f, i) => `    ${f}${i < fields.length - 1 ? ',' : ''}`),
    '  ]',
    '}',
    '',
  ].join('\n');
}

export interface TopicFields {
  name?: string;
  key?: string;
  value?: string;
  visibility?: string;
  partitions?: number;
  cleanupPolicy?: string;
  compatibility?: string;
}

/** Each topic takes 9 lines; topic t (0-based) starts on line 2 + 9t with `  - name: <name>` (value at column 11). */
export function catalogText(topics: readonly TopicFields[]): string {
  const lines = ['topics:'];
  for (const t of topics) {
    lines.push(
      `  - name: ${t.name ?? 'users'}`,
      `    key: ${t.key ?? 'com.acme.UserKey'}`,
      `    value: ${t.value ?? 'com.acme.User'}`,
      `    visibility: ${t.visibility ?? 'shared'}`,
      '    owner: user-service',
      `    partitions: ${t.partitions ?? 6}`,
      `    cleanupPolicy: ${t.cleanupPolicy ?? 'compact'}`,
      `    compatibility: ${t.compatibility ?? 'BACKWARD'}`,
      '',
    );
  }
  return lines.join('\n');
}

export const KEY = recordText('UserKey', ['{"name": "id", "type": "string"}']);

export class GitFixture {
  readonly dir: string;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'unilog-gate-'));
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.email', 'test@example.com');
    this.git('config', 'user.name', 'Test');
    this.git('config', 'commit.gpgsign', 'false');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  write(path: string, text: string): this {
    const abs = join(this.dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    return this;
  }

  remove(path: string): this {
    rmSync(join(this.dir, path));
    return this;
  }

  /** Commits everything and returns the commit id. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
