/**
 * `unilog pack`: the generated code as an npm package that other repositories install (docs/consuming.md). It
 * compiles what `unilog generate` writes, straight from the schemas (generated/ itself is not read, so the package
 * can never be stale), to ESM JavaScript and `.d.ts`, with a package.json, and packs it with `npm pack`.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { UserErrors } from '../diagnostics.js';
import { displayPath } from '../paths.js';
import { runPipeline } from '../pipeline.js';
import { compilePackage } from '../package/compile-package.js';
import { packageManifest, schemaHash, versionFromHash } from '../package/package-manifest.js';
import { PACKAGE_NAME, PACKAGE_NAME_TEXT, PACKAGE_VERSION, PACKAGE_VERSION_TEXT } from '../package/package-names.js';
import { unilogPackage } from '../package/unilog-package.js';
import { assertReplaceable, npmPack, writePackageFolder } from '../package/write-package.js';
import { parseArgs } from './args.js';
import { UsageError } from './exit-codes.js';

export const PACK_HELP = `Usage: unilog pack [--config FILE] [--name NAME] [--version VERSION] [--out DIR] [--no-tarball]

Builds the generated code as an npm package that services in other repositories install: the
modules \`unilog generate\` writes (compiled from the schemas, not read from the output folder),
as ESM JavaScript with .d.ts, and a package.json that exports the index ('.'), './topics',
'./types/<namespace>' and './services/<name>' (each service's contract and typed client), and
names unilog as a peer dependency. Then runs \`npm pack\`, which puts <name>-<version>.tgz beside
the folder; \`npm publish DIR\` publishes it.

The version is package.version of the config; without one it is 0.0.0-sha256-<hash>, named by the
hash of the generated code. package.json records that hash as unilog.schemaHash either way.

Options:
  --config FILE      config file (default: unilog.config.yaml if present)
  --name NAME        package name (default: package.name of the config; one of the two is needed)
  --version VERSION  package version (default: package.version of the config, else from the hash)
  --out DIR          package folder (default: package.out of the config, else dist/package)
  --no-tarball       write the package folder only, without running npm pack

Exit codes: 0 ok, 1 bad input (one line per error: file:line:col: message), 2 internal error.`;

export async function runPackCommand(argv: readonly string[]): Promise<number> {
  const { flags, positional } = parseArgs(argv, { config: 'string', name: 'string', version: 'string', out: 'string', 'no-tarball': 'boolean' });
  if (positional.length > 0) throw new UsageError(`unexpected argument '${positional[0]}'`);
  const name = flags.name;
  const version = flags.version;
  if (name !== undefined && !PACKAGE_NAME.test(name)) throw new UsageError(`--name ${PACKAGE_NAME_TEXT}, got '${name}'`);
  if (version !== undefined && !PACKAGE_VERSION.test(version)) throw new UsageError(`--version ${PACKAGE_VERSION_TEXT}, got '${version}'`);
  const config = loadConfig({ config: flags.config, out: undefined });
  const pkgName = name ?? config.package.name;
  if (pkgName === undefined) throw new UsageError("no package name: give --name, or set package.name in unilog.config.yaml (e.g. '@state/schemas')");
  const dir = flags.out ? resolve(flags.out) : config.package.out;

  assertReplaceable(dir);
  const result = await runPipeline(config);
  if (result.diagnostics.length > 0) throw new UserErrors(result.diagnostics);
  const compiled = compilePackage(config.out, result.files);
  // The generated code passes tsc --strict by design: an error here means unilog or @types/node is not installed.
  if (compiled.diagnostics.length > 0) throw new UserErrors(compiled.diagnostics);
  const hash = schemaHash(result.files);
  const manifest = packageManifest({
    name: pkgName,
    version: version ?? config.package.version ?? versionFromHash(hash),
    hash,
    unilogVersion: unilogPackage().version,
    files: compiled.files.keys(),
  });
  const files = new Map(compiled.files);
  files.set('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
  writePackageFolder(dir, files);
  const modules = [...compiled.files.keys()].filter((f) => f.endsWith('.js')).length;
  process.stdout.write(`wrote ${manifest.name}@${manifest.version} (${modules} modules, schemas ${hash}) to ${displayPath(dir)}\n`);
  if (!flags['no-tarball']) process.stdout.write(`packed ${displayPath(npmPack(dir))}\n`);
  return 0;
}
