/**
 * `unilog.config.yaml`: where the schemas are, where output goes, and how types are mapped. Every option is optional;
 * the file and the command-line flags of every verb are normalised here once into a complete `UnilogConfig` (a flag
 * wins over the file, the file over the default), and nothing downstream applies a default of its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { diagnostic, UserErrors, type Diagnostic } from '../diagnostics.js';
import type { LogicalTypeName } from '../ir.js';
import { displayPath } from '../paths.js';
import type { JsonNode } from '../load/json-positions.js';
import { FieldReader, expectObject } from '../load/validate-object.js';
import { parseYamlWithPositions } from '../load/yaml-positions.js';
import { PACKAGE_NAME, PACKAGE_NAME_TEXT, PACKAGE_VERSION, PACKAGE_VERSION_TEXT } from '../package/package-names.js';
import { isKnownLogicalType } from '../resolve/logical-types.js';
import { LOGICAL_MAPPINGS, defaultTypeMapping, type LogicalMapping, type TypeMapping } from './type-mapping.js';

export const DEFAULT_CONFIG_FILE = 'unilog.config.yaml';

export interface UnilogConfig {
  /** Absolute paths. */
  readonly schemas: string;
  readonly catalog: string;
  /** True when the config or a flag names the catalog, so a missing file is an error rather than "no topics". */
  readonly catalogRequired: boolean;
  /** `unilog check`'s intentional breaks (docs/compat.md). */
  readonly accept: string;
  /** True when a flag names the accept file, so it must exist. */
  readonly acceptRequired: boolean;
  readonly contracts: string;
  /**
   * Where scaffolded services live: each folder either is a service (holds `unilog.service.yaml`) or holds service
   * folders. `unilog generate` keeps their handler stubs in step with their contracts.
   */
  readonly services: readonly string[];
  readonly out: string;
  /** Module generated code imports the runtime from. */
  readonly runtimeImport: string;
  readonly types: TypeMapping;
  /** `unilog pack`: the generated code as an npm package (docs/consuming.md). */
  readonly package: PackageConfig;
}

export interface PackageConfig {
  readonly name: string | undefined;
  /** Undefined: `unilog pack` derives one from the content hash. */
  readonly version: string | undefined;
  /** Absolute path of the package folder. */
  readonly out: string;
}

/** Command-line flags, relative to the working directory. */
export interface ConfigOverrides {
  readonly config?: string | undefined;
  readonly schemas?: string | undefined;
  readonly catalog?: string | undefined;
  readonly accept?: string | undefined;
  readonly out?: string | undefined;
}

/** Reads the config (the given file, or `unilog.config.yaml` if present) and applies command-line overrides. */
export function loadConfig(overrides: ConfigOverrides, cwd = process.cwd()): UnilogConfig {
  const file = overrides.config ? resolve(cwd, overrides.config) : resolve(cwd, DEFAULT_CONFIG_FILE);
  const out: Diagnostic[] = [];
  let base = cwd;
  let raw: Partial<Record<'schemas' | 'catalog' | 'contracts' | 'out' | 'runtimeImport', string>> = {};
  let types = defaultTypeMapping();
  let services: string[] | undefined;
  let pkg: Partial<Record<'name' | 'version' | 'out', string>> = {};
  if (existsSync(file)) {
    base = dirname(file);
    const parsed = parseYamlWithPositions(readFileSync(file, 'utf8'), displayPath(file));
    if (!parsed.ok) throw new UserErrors(parsed.errors);
    if (parsed.node.kind !== 'null') {
      const obj = expectObject(parsed.node, 'the config', out);
      if (obj) {
        ({ raw, types } = readConfig(new FieldReader(obj, 'the config', out), out));
        services = readServices(new FieldReader(obj, 'the config', out).node('services'), out);
        pkg = readPackage(new FieldReader(obj, 'the config', out).node('package'), out);
      }
    }
  } else if (overrides.config) {
    throw new UserErrors([diagnostic({ file: displayPath(file), line: 1, col: 1 }, 'NO_CONFIG', 'config file not found')]);
  }
  if (out.length > 0) throw new UserErrors(out);
  const schemas = overrides.schemas ? resolve(cwd, overrides.schemas) : resolve(base, raw.schemas ?? 'schemas');
  return {
    schemas,
    catalog: overrides.catalog ? resolve(cwd, overrides.catalog) : raw.catalog ? resolve(base, raw.catalog) : resolve(schemas, 'topics.yaml'),
    catalogRequired: overrides.catalog !== undefined || raw.catalog !== undefined,
    accept: overrides.accept ? resolve(cwd, overrides.accept) : resolve(schemas, 'compat-accept.yaml'),
    acceptRequired: overrides.accept !== undefined,
    contracts: raw.contracts ? resolve(base, raw.contracts) : resolve(schemas, 'services'),
    services: (services ?? ['services']).map((s) => resolve(base, s)),
    out: overrides.out ? resolve(cwd, overrides.out) : resolve(base, raw.out ?? 'generated'),
    runtimeImport: raw.runtimeImport ?? 'unilog/runtime',
    types,
    package: { name: pkg.name, version: pkg.version, out: resolve(base, pkg.out ?? 'dist/package') },
  };
}

function readConfig(r: FieldReader, out: Diagnostic[]): { raw: Record<string, string>; types: TypeMapping } {
  r.onlyKeys(['schemas', 'catalog', 'contracts', 'services', 'out', 'runtimeImport', 'types', 'package']);
  const raw: Record<string, string> = {};
  for (const key of ['schemas', 'catalog', 'contracts', 'out', 'runtimeImport']) {
    const v = r.string(key);
    if (v !== undefined) raw[key] = v;
  }
  const defaults = defaultTypeMapping();
  const typesNode = r.node('types');
  if (!typesNode) return { raw, types: defaults };
  const typesObj = expectObject(typesNode, "'types'", out);
  if (!typesObj) return { raw, types: defaults };
  const t = new FieldReader(typesObj, "'types'", out);
  t.onlyKeys(['long', 'logicalTypes']);
  const long = t.oneOf('long', ['number', 'bigint'] as const, 'number') ?? 'number';
  const logicalTypes = { ...defaults.logicalTypes };
  const lt = t.node('logicalTypes');
  if (lt?.kind === 'boolean' && lt.value === false) {
    for (const k of Object.keys(logicalTypes)) logicalTypes[k as LogicalTypeName] = 'underlying';
  } else if (lt) {
    const ltObj = expectObject(lt, "'types.logicalTypes'", out);
    for (const e of ltObj?.entries ?? []) {
      if (!isKnownLogicalType(e.key)) {
        out.push(diagnostic(e.keyPos, 'INVALID_CONFIG', `unknown logical type '${e.key}' (known: ${Object.keys(LOGICAL_MAPPINGS).join(', ')})`));
        continue;
      }
      const allowed = LOGICAL_MAPPINGS[e.key];
      // `false` reads naturally in YAML for "off"; it means the same as `underlying`.
      const v = e.value.kind === 'boolean' && e.value.value === false ? 'underlying' : e.value.kind === 'string' ? e.value.value : undefined;
      if (!allowed.includes(v as LogicalMapping)) {
        out.push(diagnostic(e.value.pos, 'INVALID_CONFIG', `'${e.key}' may be mapped to ${allowed.map((a) => `'${a}'`).join(', ')} (or false)`));
        continue;
      }
      logicalTypes[e.key] = v as LogicalMapping;
    }
  }
  return { raw, types: { long, logicalTypes } };
}

/** `services:` is a folder or a list of folders. */
function readServices(node: JsonNode | undefined, out: Diagnostic[]): string[] | undefined {
  if (!node) return undefined;
  const items = node.kind === 'array' ? node.items : [node];
  const list: string[] = [];
  for (const item of items) {
    if (item.kind === 'string' && item.value !== '') list.push(item.value as string);
    else out.push(diagnostic(item.pos, 'INVALID_CONFIG', "'services' must be a folder or a list of folders"));
  }
  return list;
}

/** `package:` names the npm package `unilog pack` builds: `name`, `version`, `out` (all strings). */
function readPackage(node: JsonNode | undefined, out: Diagnostic[]): Partial<Record<'name' | 'version' | 'out', string>> {
  if (!node) return {};
  const obj = expectObject(node, "'package'", out);
  if (!obj) return {};
  const r = new FieldReader(obj, "'package'", out);
  r.onlyKeys(['name', 'version', 'out']);
  const pkg: Partial<Record<'name' | 'version' | 'out', string>> = {};
  const checks = {
    name: { pattern: PACKAGE_NAME, patternText: PACKAGE_NAME_TEXT },
    version: { pattern: PACKAGE_VERSION, patternText: PACKAGE_VERSION_TEXT },
    out: {},
  };
  for (const key of ['name', 'version', 'out'] as const) {
    const v = r.string(key, checks[key]);
    if (v !== undefined) pkg[key] = v;
  }
  return pkg;
}
