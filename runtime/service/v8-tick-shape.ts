/**
 * Opt-in, V8-specific: import this module first in a service's `main` (`import 'unilog/runtime/service/v8-tick-shape'`)
 * to keep `process.nextTick` on V8's fast path. Nothing else in the framework imports it, and it uses only public
 * Node APIs; removing the import changes nothing but speed.
 *
 * `nextTick` builds its tick object as a literal with computed keys, and V8 keeps the shapes of those objects in the
 * function's inline caches weakly. When a full GC runs while no tick is queued (a quiet moment at start-up, after
 * fastify, ajv and the contract were loaded), the shapes die; the next ticks make new ones, the caches go megamorphic
 * for good, and every tick (several per request, in Node's streams) takes V8's runtime path. Whether that happens
 * depends on GC timing. Measured on the search-service route in process (docs/services.md § Cost): about 85 µs of
 * CPU a request with the slow path, 42 to 55 µs with this module. A tick object kept alive keeps its shape alive.
 */
import { executionAsyncResource } from 'node:async_hooks';

let kept: object | undefined;

// Queued now, the tick object stays alive through the rest of module loading; then its callback keeps it.
process.nextTick(() => {
  kept ??= executionAsyncResource();
});

/** The kept tick object (exported so that nothing treats `kept` as unused). */
export function keptTick(): object | undefined {
  return kept;
}
