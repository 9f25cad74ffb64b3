/**
 * The last step of `unilog new service` (a contract's service or a join service): writes the rendered files into the
 * service folder, links the unilog package when nothing installed it, and prints what was made and what comes next.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { UnilogConfig } from '../config/load-config.js';
import { displayPath } from '../paths.js';
import { ensureRuntimeLink } from './runtime-link.js';

export interface ScaffoldOutput {
  readonly dir: string;
  readonly files: ReadonlyArray<{ readonly path: string; readonly content: string }>;
  /** What the files hold beyond their count, e.g. `4 handler stub(s), 2 consumer(s)`. */
  readonly holds: string;
  /** Whether the service talks to Kafka (then the report says to create the catalog's topics first). */
  readonly usesKafka: boolean;
}

export function writeScaffold(out: ScaffoldOutput, config: UnilogConfig, unilogRoot: string): void {
  const { dir, files } = out;
  for (const f of files) {
    const target = join(dir, f.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content);
  }
  const linked = ensureRuntimeLink(dir, unilogRoot);
  const where = displayPath(dir);
  process.stdout.write(
    [
      `created ${where}: ${files.length} files, ${out.holds}`,
      ...(linked ? [`linked ${where}/node_modules/unilog to ${displayPath(unilogRoot)}`] : []),
      // `unilog generate` keeps the stubs of the services it finds there in step.
      ...(config.services.some((s) => s === dir || s === dirname(dir)) ? [] : [`note: add '${displayPath(dirname(dir))}' to 'services:' in unilog.config.yaml so \`unilog generate\` keeps its stubs in step`]),
      `next: cd ${where} && npm run build && npm start`,
      ...(out.usesKafka ? ["on a fresh broker, create the catalog's topics first, from here: npx unilog topics --create"] : []),
      '',
    ].join('\n'),
  );
}
