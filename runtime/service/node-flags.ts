/**
 * The Node.js flags a service starts with (the scaffolded `npm start` passes them). `--min-semi-space-size=16` starts
 * V8's young generation at 2 × 16 MB instead of growing it from small. Without it, a framework process under load
 * spends a large share of its CPU (10 % in one profile) in V8's slow path for `process.nextTick`'s object literal
 * (`Runtime_DefineKeyedOwnPropertyInLiteral`, `JSObject::MigrateToMap`) and serves 20–35 % fewer requests in
 * bench/service. A process with a single bare fastify instance never takes that path; what sets it off is not
 * understood yet (docs/services.md § Cost).
 * It costs up to 16 MB of memory.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--min-semi-space-size=16'];

/** The service flags this process was started without, from its `execArgv` and `NODE_OPTIONS`. */
export function missingNodeFlags(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env['NODE_OPTIONS'],
): string[] {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].map((f) => f.split('=')[0]!.replace(/_/g, '-'));
  return SERVICE_NODE_FLAGS.filter((flag) => !given.includes(flag.split('=')[0]!));
}
