/**
 * Reads a service's `config.yaml`: YAML with `${VAR}` / `${VAR:-default}` from the environment, validated against
 * the framework's schema plus the service's own `app:` schema, defaults filled in. Every problem is reported as one
 * line `config.yaml:line:col: key.path: what was expected`, and the service does not start.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Ajv, ErrorObject } from 'ajv';
import { ajvWithFormats } from '../ajv.js';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node as YamlNode, type Scalar } from 'yaml';
import { hasReference, substitute } from './env-substitution.js';
import { SECRET_KEYS, serviceConfigSchema, type ServiceConfig } from './config-schema.js';
import { ServiceConfigError, type ConfigProblem } from './config-error.js';

export interface LoadConfigOptions {
  /** JSON Schema of the service's own `app:` section (defaults are applied from it too). */
  readonly appSchema?: object;
  /** Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export function loadServiceConfig<App = Record<string, unknown>>(path: string, options: LoadConfigOptions = {}): ServiceConfig<App> {
  const file = relative(process.cwd(), path) || path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new ServiceConfigError([{ file, line: 0, col: 0, message: code === 'ENOENT' ? 'config file not found' : `cannot read the config file (${code ?? e})` }]);
  }
  return parseServiceConfig<App>(text, file, options);
}

export function parseServiceConfig<App = Record<string, unknown>>(text: string, file: string, options: LoadConfigOptions = {}): ServiceConfig<App> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): { line: number; col: number } => (offset === undefined ? { line: 1, col: 1 } : lines.linePos(offset));
  const problems: ConfigProblem[] = doc.errors.map((e) => ({ file, ...at(e.pos[0]), message: `malformed YAML: ${e.message.split('\n')[0]}` }));
  if (problems.length) throw new ServiceConfigError(problems);

  const origins = new Map<YamlNode, string[]>();
  const env = options.env ?? process.env;
  visit(doc, {
    Scalar(key, node: Scalar) {
      if (key === 'key' || typeof node.value !== 'string' || !hasReference(node.value)) return;
      const s = substitute(node.value, env);
      for (const name of s.missing) problems.push({ file, ...at(node.range?.[0]), message: `\${${name}} is not set and has no default (write \${${name}:-value} for one)` });
      origins.set(node, [...s.used]);
      node.value = s.value;
    },
  });
  // A variable that is not set does not hide the config's other problems: validation still runs, and only the
  // problems it finds at the unset variables' own places (a port that is now '') are left out as their echo.
  const unset = new Set(problems.map((p) => `${p.line}:${p.col}`));

  const value: unknown = doc.contents === null ? {} : doc.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ServiceConfigError([{ file, ...at(doc.contents?.range?.[0]), message: 'the config must be a mapping of keys to values' }]);
  }
  const validate = compile(options.appSchema);
  if (!validate(value)) {
    for (const err of validate.errors ?? []) {
      const problem = describe(err, doc, file, at, origins);
      if (!unset.has(`${problem.line}:${problem.col}`)) problems.push(problem);
    }
  }
  // The TLS files are read when Kafka and the registry connect; a missing one is a config error now, at its place, with the others.
  const sections = value as { kafka?: { ssl?: Record<string, unknown> }; registry?: Record<string, unknown> };
  const files: Array<[string[], unknown]> = [
    ...['ca', 'cert', 'key'].map((key): [string[], unknown] => [['kafka', 'ssl', key], sections.kafka?.ssl?.[key]]),
    [['registry', 'ca'], sections.registry?.['ca']],
  ];
  for (const [keyPath, path] of files) {
    if (typeof path !== 'string') continue;
    try {
      accessSync(path, constants.R_OK);
    } catch (e) {
      const node = nodeAt(doc, keyPath);
      problems.push({ file, ...at(node?.range?.[0]), message: `${keyPath.join('.')}: cannot read '${path}' (${(e as { code?: string }).code ?? String(e)})` });
    }
  }
  if (problems.length) throw new ServiceConfigError(dedupe(problems).sort((a, b) => a.line - b.line || a.col - b.col));
  const config = value as { kafka?: { brokers: string[] } };
  if (config.kafka) config.kafka.brokers = config.kafka.brokers.flatMap((b) => b.split(',')).filter((b) => b.length > 0);
  return value as ServiceConfig<App>;
}

const compiled = new WeakMap<object, ReturnType<Ajv['compile']>>();
const NO_APP_SCHEMA = {};

function compile(appSchema: object | undefined): ReturnType<Ajv['compile']> {
  const key = appSchema ?? NO_APP_SCHEMA;
  let fn = compiled.get(key);
  if (!fn) {
    const ajv = ajvWithFormats({ allErrors: true, verbose: true, useDefaults: true, coerceTypes: 'array', allowUnionTypes: true, strict: false });
    fn = ajv.compile(serviceConfigSchema(appSchema));
    compiled.set(key, fn);
  }
  return fn;
}

type At = (offset: number | undefined) => { line: number; col: number };

function describe(err: ErrorObject, doc: Document, file: string, at: At, origins: Map<YamlNode, string[]>): ConfigProblem {
  const path = err.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const node = nodeAt(doc, path);
  const where = (child?: string): string => [...path, ...(child ? [child] : [])].join('.') || '(the config)';
  const p = err.params as Record<string, unknown>;
  if (err.keyword === 'required') {
    const key = String(p['missingProperty']);
    return { file, ...at(node?.range?.[0]), message: `${where(key)}: missing (required)` };
  }
  if (err.keyword === 'additionalProperties') {
    const key = String(p['additionalProperty']);
    const keyNode = isMap(node) ? node.items.find((i) => isScalar(i.key) && String(i.key.value) === key)?.key : undefined;
    const known = Object.keys((err.parentSchema?.['properties'] as object | undefined) ?? {});
    return {
      file,
      ...at((keyNode as YamlNode | undefined)?.range?.[0] ?? node?.range?.[0]),
      message: `${where(key)}: unknown key${known.length ? ` (expected one of ${known.join(', ')})` : ''}`,
    };
  }
  const secret = path.some((segment) => SECRET_KEYS.has(segment));
  const found = secret ? '(secret, not shown)' : isScalar(node) ? node.value : (err.data as unknown);
  const from = node ? origins.get(node) : undefined;
  const expected = err.keyword === 'enum' ? `must be one of ${(p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` : err.message ?? 'is not valid';
  const source = from?.length ? ` (from ${from.map((n) => `\${${n}}`).join(', ')})` : '';
  return { file, ...at(node?.range?.[0]), message: `${where()}: ${expected}, found ${secret ? found : short(found)}${source}` };
}

function nodeAt(doc: Document, path: readonly string[]): YamlNode | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n).map((p) => (/^\d+$/.test(p) ? Number(p) : p)), true);
    if (node && typeof node === 'object' && 'range' in node) return node as YamlNode;
  }
  return undefined;
}

function short(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function dedupe(list: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const k = `${p.line}:${p.col}:${p.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
