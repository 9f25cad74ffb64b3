#!/usr/bin/env node
// Links every service of services/ to this checkout (services/<name>/node_modules/unilog), as `unilog new service`
// does when it scaffolds one: the repository's own type check and tests import the services' sources, which import
// `unilog/runtime/...`, and a fresh clone has no such link yet. Needs `npm run build` first (it uses the compiled CLI).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRuntimeLink } from '../dist/generator/scaffold/runtime-link.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const services = join(root, 'services');
for (const name of readdirSync(services)) {
  const dir = join(services, name);
  if (existsSync(join(dir, 'package.json'))) ensureRuntimeLink(dir, root);
}
