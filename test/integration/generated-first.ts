/**
 * Loads generated/codecs.js before any other generated module. This used to be needed: a namespace module or
 * generated/topics.js imported first ran into the codecs.ts <-> types/*.ts import cycle (a TDZ ReferenceError in Node,
 * undefined entries under vitest). Since the generator reads codecs through getters (commit 0272028) any generated
 * module can be imported first. The runtime tests no longer import this file; test/integration/search-service.test.ts
 * still does, so it stays until that import goes.
 */
import '../../generated/codecs.js';
