/**
 * Keeps one of Node's `process.nextTick` objects alive for the life of the process, from the moment this module is
 * imported (the service framework imports it first).
 *
 * V8 records the shapes (maps) of those objects in `nextTick`'s inline caches, weakly. If a full GC runs while no tick
 * is queued (a quiet moment at start-up, typically after loading fastify, ajv and the contract), the shapes die; the
 * next tick makes new ones, the caches see a second shape and go megamorphic for good. From then on every
 * `process.nextTick` (several per request, in Node's streams) takes V8's runtime path for its object literal
 * (`Runtime_DefineKeyedOwnPropertyInLiteral`): about 10 % of a service's CPU under load, 20–30 % fewer requests/s.
 * Whether it happened depended on GC timing, so on unrelated changes (one more ajv instance was enough); a larger
 * young generation (`--min-semi-space-size`) only made it rarer. A tick object kept alive keeps its shape alive, and
 * the caches stay monomorphic (test/service/tick-shape.test.ts forces a quiet GC and reads them).
 */
import { executionAsyncResource } from 'node:async_hooks';

let kept: object | undefined;

// Queued now, the tick object also stays alive through the rest of module loading; then its callback keeps it.
process.nextTick(() => {
  kept ??= executionAsyncResource();
});
