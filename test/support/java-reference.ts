/**
 * Test helper: the Apache Avro Java reference (dev/avro/AvroReference.java against the jars dev/avro/fetch.sh copies
 * from Maven Central). One JVM per `runJava` call: batch every task of a test file into one request.
 * `javaAvailable()` is false where there is no JDK or Maven: reference tests then skip, by name.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './generate-into.js';

export type JavaTask =
  | { op: 'parse'; texts: string[] }
  | { op: 'random'; schema: string; count: number; seed: number }
  | { op: 'reencode'; schema: string; data: string[] }
  | { op: 'resolve'; writer: string; reader: string; data: string[] }
  | { op: 'compat'; reader: string; writer: string };

export interface JavaResult {
  ok?: boolean;
  error?: string;
  data?: string[];
  compatible?: boolean;
  types?: string[];
}

const SOURCE = join(REPO, 'dev', 'avro', 'AvroReference.java');
const CLASSES = join(REPO, '.dev', 'avro-classes');

function has(cmd: string): boolean {
  return spawnSync(cmd, ['-version'], { stdio: 'ignore' }).status === 0;
}

export function javaAvailable(): boolean {
  return has('java') && has('javac') && spawnSync('mvn', ['-v'], { stdio: 'ignore' }).status === 0;
}

/** Fetches the jars (once per pom) and compiles the harness (once per change of its source); returns the class path. */
function classPath(): string {
  const libs = execFileSync('bash', [join(REPO, 'dev', 'avro', 'fetch.sh')], { encoding: 'utf8' }).trim();
  const cp = `${CLASSES}:${libs}/*`;
  const compiled = join(CLASSES, 'AvroReference.class');
  if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(SOURCE).mtimeMs) {
    mkdirSync(CLASSES, { recursive: true });
    execFileSync('javac', ['-nowarn', '-cp', `${libs}/*`, '-d', CLASSES, SOURCE], { stdio: 'pipe' });
  }
  return cp;
}

export function runJava(tasks: readonly JavaTask[]): JavaResult[] {
  const r = spawnSync('java', ['-cp', classPath(), 'AvroReference'], {
    input: JSON.stringify({ tasks }), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`AvroReference failed (${r.status}): ${r.stderr}`);
  return (JSON.parse(r.stdout) as { results: JavaResult[] }).results;
}
