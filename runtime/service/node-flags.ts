/**
 * The Node.js flags a service starts with (the scaffolded `npm start` passes them). `--min-semi-space-size=16` starts
 * V8's young generation at 2 × 16 MB instead of growing it from small: a service process under load then spent about
 * 20% less CPU per request in bench/service (the extra time sat in allocation sites such as `process.nextTick`, not in
 * the GC's own accounting), while a bare fastify process did not change. It costs up to 16 MB of memory.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--min-semi-space-size=16'];
