/**
 * Regenerating only what changed. After each run, every generated file an emitter gave a key (a hash of all its text
 * is computed from, emit/module-key.ts) is recorded with the SHA-1 of its text, and the keys and places of its parts,
 * in `node_modules/.cache/unilog/emit/<SHA-1 of the output folder>.json`, beside the identity of the generator's code.
 * The next run hands the emitters the files they may reuse, whole or in parts: those recorded by the same code whose
 * file in the output folder still has exactly the recorded text. A hand-edited, missing or foreign file is computed
 * again, so `generate --check` stays exact. The record is found from the output folder (the nearest `node_modules`);
 * without one, or when it cannot be written, every run computes everything. Deleting the folder is always safe.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha1Hex as sha1 } from '../digest.js';
import { findUp, resolvePath } from '../paths.js';
import { codeIdentity } from './code-identity.js';
import type { GeneratedFile, ReusablePart } from './generated-file.js';

/** A file of the output folder as the last run wrote it, with the key it was computed under. */
export interface ReusableFile {
  readonly key: string;
  readonly sha1: string;
  readonly parts: readonly ReusablePart[];
  /** Decoded on first use: a file reused whole is never decoded. */
  text(): string;
}

/** By path relative to the output folder. */
export type PreviousOutput = ReadonlyMap<string, ReusableFile>;

interface RecordedFile {
  readonly key: string;
  readonly sha1: string;
  readonly parts?: readonly ReusablePart[];
}

interface EmitRecord {
  readonly format: number;
  readonly code: string;
  readonly files: { readonly [path: string]: RecordedFile };
}

const FORMAT = 2;

/** Where the record for `outDir` lives, or undefined without a `node_modules` above it. */
function recordPath(outDir: string): string | undefined {
  const absolute = resolvePath(outDir);
  const nodeModules = findUp(absolute, 'node_modules');
  return nodeModules && join(nodeModules, '.cache', 'unilog', 'emit', `${sha1(absolute)}.json`);
}

export function readPreviousOutput(outDir: string): PreviousOutput {
  const reusable = new Map<string, ReusableFile>();
  const path = existsSync(outDir) ? recordPath(outDir) : undefined;
  if (path === undefined) return reusable;
  let record: EmitRecord;
  try {
    record = JSON.parse(readFileSync(path, 'utf8')) as EmitRecord;
  } catch {
    return reusable; // none yet, or unreadable: compute everything
  }
  if (record?.format !== FORMAT || record.code !== codeIdentity() || typeof record.files !== 'object' || record.files === null) return reusable;
  for (const [file, entry] of Object.entries(record.files)) {
    if (typeof entry?.key !== 'string' || !validParts(entry.parts)) continue;
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(outDir, file));
    } catch {
      continue;
    }
    if (sha1(bytes) !== entry.sha1) continue;
    let text: string | undefined;
    reusable.set(file, { key: entry.key, sha1: entry.sha1, parts: entry.parts ?? [], text: () => (text ??= bytes.toString('utf8')) });
  }
  return reusable;
}

function validParts(parts: unknown): parts is readonly ReusablePart[] | undefined {
  if (parts === undefined) return true;
  return (
    Array.isArray(parts) &&
    parts.every(
      (p: Partial<ReusablePart>) =>
        typeof p?.key === 'string' && Number.isInteger(p.start) && Number.isInteger(p.end) && Array.isArray(p.needs) && p.needs.every((n) => Array.isArray(n) && n.every((s) => typeof s === 'string')),
    )
  );
}

/** The generated file for one reused whole: its text is decoded only if something reads it (`generate` does not). */
export function reusedFile(path: string, previous: ReusableFile): GeneratedFile {
  return {
    path,
    reuse: { key: previous.key, reused: true, parts: previous.parts, sha1: previous.sha1 },
    get content(): string {
      return previous.text();
    },
  };
}

/**
 * Records the keyed files of a run (after `generate` wrote them, or `--check` compared them). A file whose text on disk
 * is not the recorded one is never reused, so recording after a failed check is harmless. Never fails the run.
 */
export function recordOutput(outDir: string, files: readonly GeneratedFile[]): void {
  const path = recordPath(outDir);
  if (path === undefined) return;
  const entries: { [path: string]: RecordedFile } = {};
  for (const f of files) {
    if (f.reuse === undefined) continue;
    entries[f.path] = { key: f.reuse.key, sha1: f.reuse.sha1 ?? sha1(f.content), ...(f.reuse.parts?.length ? { parts: f.reuse.parts } : {}) };
  }
  const record: EmitRecord = { format: FORMAT, code: codeIdentity(), files: entries };
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    // Written aside, then renamed: a concurrent run never reads half a record.
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(record)}\n`);
    renameSync(temp, path);
  } catch {
    // A read-only node_modules: the next run computes everything again.
  }
}
