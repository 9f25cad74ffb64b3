/**
 * The argument parser of every verb. node:util's parseArgs splits the command line (`--x v`, `--x=v`, `-h`, `--`);
 * this checks the pieces strictly and says what is wrong in the CLI's words: an unknown flag, a missing value or a
 * value given to a switch is a usage error, never silently ignored.
 */
import { parseArgs as splitArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './exit-codes.js';

/** A verb's flags: a switch, a value, or a value that may be repeated. `help` also answers to `-h`. */
export type FlagSpec = Readonly<Record<string, 'boolean' | 'string' | 'strings'>>;

type FlagValue<K> = K extends 'boolean' ? boolean : K extends 'string' ? string : string[];

export interface ParsedArgs<S extends FlagSpec> {
  readonly flags: { readonly [F in keyof S]?: FlagValue<S[F]> };
  readonly positional: readonly string[];
}

export function parseArgs<S extends FlagSpec>(argv: readonly string[], spec: S): ParsedArgs<S> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, kind] of Object.entries(spec)) {
    options[name] = { type: kind === 'boolean' ? 'boolean' : 'string', ...(name === 'help' ? { short: 'h' } : {}) };
  }
  const { tokens } = splitArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const flags: Record<string, string | boolean | string[]> = {};
  const positional: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positional.push(token.value);
    if (token.kind !== 'option') continue;
    const kind = Object.hasOwn(spec, token.name) ? spec[token.name] : undefined;
    if (kind === undefined) throw new UsageError(`unknown option ${token.rawName}`);
    if (kind === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      flags[token.name] = true;
      continue;
    }
    const value = token.value;
    // `--out --check` is a forgotten value, not an output folder called --check.
    if (value === undefined || (!token.inlineValue && value.startsWith('--'))) throw new UsageError(`${token.rawName} needs a value`);
    if (kind === 'strings') flags[token.name] = [...((flags[token.name] as string[] | undefined) ?? []), value];
    else flags[token.name] = value;
  }
  return { flags: flags as ParsedArgs<S>['flags'], positional };
}
