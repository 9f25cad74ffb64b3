/** A small, strict argument parser: unknown flags are errors, never silently ignored. */
import { UserErrors, diagnostic } from '../diagnostics.js';

export interface FlagSpec {
  readonly [flag: string]: 'boolean' | 'string' | 'strings';
}

export interface ParsedArgs {
  readonly flags: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positional: readonly string[];
}

export function usageError(message: string): UserErrors {
  return new UserErrors([diagnostic({ file: 'unilog', line: 0, col: 0 }, 'USAGE', message)]);
}

export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const flags: Record<string, string | boolean | string[] | undefined> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const kind = spec[name];
    if (!kind) throw usageError(`unknown option --${name}`);
    if (kind === 'boolean') {
      if (inline !== undefined) throw usageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw usageError(`--${name} needs a value`);
    if (kind === 'strings') flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    else flags[name] = value;
  }
  return { flags, positional };
}
