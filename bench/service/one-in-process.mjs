// One server of bench/service/servers.mjs alone, fed in process (in-process.mjs): its CPU µs per request. For A/B
// checks of a process-wide setting, e.g. the opt-in nextTick fix (docs/services.md § Cost):
//
//   node bench/service/one-in-process.mjs framework
//   node --import ./dist/runtime/service/v8-tick-shape.js bench/service/one-in-process.mjs framework
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureInProcess } from './in-process.mjs';
import { buildServer, KINDS } from './servers.mjs';

const kind = process.argv[2] ?? 'framework';
if (!KINDS.includes(kind)) throw new Error(`kind: one of ${KINDS.join(', ')}`);
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The compiled search-service, as bench/service.mjs builds it.
const app = await buildServer(kind, join(repo, 'services', 'search-service', 'dist'));
const { us } = await measureInProcess([app], { rounds: 5, requests: 2000 });
process.stdout.write(`${kind} ${us[0].toFixed(2)} µs CPU/request in process\n`);
process.exit(0);
