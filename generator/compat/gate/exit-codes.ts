/**
 * Exit status of `unilog check` and `unilog compat`, as buf breaking uses them: findings are not failures of the tool.
 * 0 clean; 100 findings printed; 1 the user's input cannot be checked (usage, invalid schema, unknown ref); 2 a bug.
 */
export const EXIT = { OK: 0, USAGE: 1, INTERNAL: 2, FINDINGS: 100 } as const;

export function usageError(command: string, message: string, help: string): number {
  process.stderr.write(`unilog ${command}: ${message}\n\n${help}`);
  return EXIT.USAGE;
}

/** A bug: the stack trace is for us, with a line saying so. */
export function internalError(command: string, e: unknown): number {
  process.stderr.write(`unilog ${command}: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return EXIT.INTERNAL;
}
