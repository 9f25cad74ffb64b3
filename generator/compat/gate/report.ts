/** The outcome of `unilog check`, as every printer sees it. */
import type { AcceptedFinding, Finding } from './finding.js';
import { printGithub } from './print-github.js';
import { printJson } from './print-json.js';
import { printJunit } from './print-junit.js';
import { printText } from './print-text.js';

export interface CheckReport {
  /** The baseline as given to --against (credentials masked). */
  readonly against: string;
  readonly violations: readonly Finding[];
  readonly accepted: readonly AcceptedFinding[];
  readonly notes: readonly string[];
  readonly topicsChecked: number;
}

export const FORMATS = ['text', 'json', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

export const PRINTERS: Readonly<Record<Format, (report: CheckReport) => string>> = {
  text: printText,
  json: printJson,
  github: printGithub,
  junit: printJunit,
};
