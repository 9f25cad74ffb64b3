/**
 * Intentional breaks: `schemas/compat-accept.yaml` lists the findings a team has decided to ship, each with a reason.
 *
 *   accept:
 *     - topic: users
 *       rule: READER_FIELD_MISSING_DEFAULT_VALUE
 *       reason: "every consumer of users was upgraded first (INC-1234)"
 *
 * An entry excuses every finding of its rule on its topic. An entry that excuses nothing is the usual state right after
 * its pull request merged (the new baseline already holds the break), so by default it is a note that asks for its
 * removal; `--fail-on-unused-accept` makes it a violation (ACCEPT_UNUSED) for a job that keeps the file clean. An
 * entry for a catalog rule is never "unused" against a baseline without a catalog (a registry): it was not checked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { diagnostic, formatLocated, type Diagnostic, type SourcePos } from '../../diagnostics.js';
import { displayPath } from '../../paths.js';
import { FieldReader, expectObject } from '../../load/validate-object.js';
import { parseYamlWithPositions } from '../../load/yaml-positions.js';
import { CATALOG_RULES, finding, isRuleId, RULES, type AcceptedFinding, type Finding, type RuleId } from './finding.js';

export interface AcceptEntry {
  readonly topic: string;
  readonly rule: RuleId;
  readonly reason: string;
  readonly pos: SourcePos;
}

/** `required`: the user named the file, so its absence is an error; the default file may simply not exist. */
export function loadAcceptFile(path: string, required: boolean): { entries: AcceptEntry[]; diagnostics: Diagnostic[] } {
  const file = displayPath(path);
  if (!existsSync(path)) {
    return required
      ? { entries: [], diagnostics: [diagnostic({ file, line: 1, col: 1 }, 'NO_ACCEPT_FILE', 'accept file not found')] }
      : { entries: [], diagnostics: [] };
  }
  return parseAcceptFile(readFileSync(path, 'utf8'), file);
}

export function parseAcceptFile(text: string, file: string): { entries: AcceptEntry[]; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const entries: AcceptEntry[] = [];
  const parsed = parseYamlWithPositions(text, file);
  if (!parsed.ok) return { entries, diagnostics: parsed.errors };
  if (parsed.node.kind === 'null') return { entries, diagnostics: out };
  const root = expectObject(parsed.node, 'the accept file', out);
  if (!root) return { entries, diagnostics: out };
  const top = new FieldReader(root, 'the accept file', out);
  top.onlyKeys(['accept']);
  const list = top.node('accept');
  if (list === undefined || list.kind === 'null') return { entries, diagnostics: out };
  if (list.kind !== 'array') {
    out.push(diagnostic(list.pos, 'INVALID_CONFIG', "'accept' must be a list of { topic, rule, reason }"));
    return { entries, diagnostics: out };
  }
  for (const item of list.items) {
    const obj = expectObject(item, 'an accept entry', out);
    if (!obj) continue;
    const r = new FieldReader(obj, 'accept entry', out);
    r.onlyKeys(['topic', 'rule', 'reason']);
    const topic = r.string('topic', { required: true });
    const rule = r.string('rule', { required: true });
    const reason = r.string('reason', { required: true });
    if (rule !== undefined && !isRuleId(rule)) {
      out.push(diagnostic(r.node('rule')!.pos, 'INVALID_CONFIG', `unknown rule '${rule}' (one of ${Object.keys(RULES).join(', ')})`));
      continue;
    }
    if (topic === undefined || rule === undefined || reason === undefined) continue;
    entries.push({ topic, rule, reason, pos: obj.pos });
  }
  return { entries, diagnostics: out };
}

export interface Applied {
  readonly violations: Finding[];
  readonly accepted: AcceptedFinding[];
  readonly notes: string[];
}

export interface AcceptPolicy {
  /** False against a registry: the catalog rules were not checked, so their entries cannot be judged. */
  readonly catalogRulesChecked: boolean;
  /** `--fail-on-unused-accept`: an entry that excuses nothing is a violation, not a note. */
  readonly failOnUnused: boolean;
}

export function applyAccepts(findings: readonly Finding[], entries: readonly AcceptEntry[], policy: AcceptPolicy): Applied {
  const used = new Set<AcceptEntry>();
  const violations: Finding[] = [];
  const accepted: AcceptedFinding[] = [];
  for (const f of findings) {
    const entry = entries.find((e) => e.topic === f.topic && e.rule === f.ruleId);
    if (!entry) {
      violations.push(f);
      continue;
    }
    used.add(entry);
    accepted.push({ ...f, reason: entry.reason });
  }
  const notes: string[] = [];
  const unchecked = entries.filter((e) => !used.has(e) && !policy.catalogRulesChecked && isCatalogRule(e.rule));
  if (unchecked.length > 0) {
    notes.push(`${unchecked.length} accept entr${unchecked.length === 1 ? 'y' : 'ies'} for catalog rules not checked: this baseline has no catalog`);
  }
  for (const e of entries) {
    if (used.has(e) || unchecked.includes(e)) continue;
    const message = `accept entry for ${e.rule} on topic '${e.topic}' matches no finding; remove it`;
    if (policy.failOnUnused) violations.push(finding('ACCEPT_UNUSED', e.pos, message, e.topic));
    else notes.push(`${formatLocated({ ...e.pos, message })} (the break has merged into the baseline)`);
  }
  return { violations, accepted, notes };
}

const isCatalogRule = (rule: RuleId): boolean => rule in CATALOG_RULES;
