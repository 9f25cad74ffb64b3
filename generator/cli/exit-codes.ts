/**
 * How every verb ends, as buf breaking uses exit codes: findings are not failures of the tool.
 * 0 ok; 1 the input cannot be used (usage, an invalid schema, an unknown ref, stale output); 2 a bug; 100 findings
 * printed (`check` violations, `compat` incompatibilities, `topics` drift).
 */
export const EXIT = { OK: 0, USER_ERROR: 1, INTERNAL: 2, FINDINGS: 100 } as const;

/** A mistake on the command line: `unilog <verb>: message` on stderr, exit 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A usage error followed by the verb's help (as `check` and `compat` print them). */
export function printUsageError(command: string, message: string, help: string): number {
  process.stderr.write(`unilog ${command}: ${message}\n\n${help}`);
  return EXIT.USER_ERROR;
}

/** A bug: the stack trace is for us, with a line saying so. */
export function internalError(command: string, e: unknown): number {
  process.stderr.write(`unilog ${command}: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return EXIT.INTERNAL;
}
