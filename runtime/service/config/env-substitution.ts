/**
 * `${VAR}` and `${VAR:-default}` in configuration values, from the environment (12-factor): the default applies when
 * the variable is unset or empty, as in a POSIX shell. `$${` stands for a literal `${`.
 */
export interface Substitution {
  readonly value: string;
  /** Variables referenced without a default and not set (or empty). */
  readonly missing: readonly string[];
  /** Every variable referenced, in order, for messages ("from ${PORT}"). */
  readonly used: readonly string[];
}

const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export function hasReference(text: string): boolean {
  return text.includes('${');
}

export function substitute(text: string, env: Readonly<Record<string, string | undefined>>): Substitution {
  const missing: string[] = [];
  const used: string[] = [];
  const value = text.replace(REFERENCE, (match: string, name: string | undefined, fallback: string | undefined) => {
    if (name === undefined) return '${';
    used.push(name);
    const v = env[name];
    if (v !== undefined && v !== '') return v;
    if (fallback !== undefined) return fallback;
    missing.push(name);
    return match;
  });
  return { value, missing, used };
}
