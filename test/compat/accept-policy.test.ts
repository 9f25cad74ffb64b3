import { describe, expect, test } from 'vitest';
import { applyAccepts, type AcceptEntry } from '../../generator/compat/gate/accept-file.js';

const at = (line: number): AcceptEntry['pos'] => ({ file: 'schemas/compat-accept.yaml', line, col: 5 });
const entries: AcceptEntry[] = [
  { topic: 'users', rule: 'PARTITIONS_DECREASED', reason: 'r', pos: at(2) },
  { topic: 'users', rule: 'TYPE_MISMATCH', reason: 'r', pos: at(5) },
];

describe('accept entries that excuse nothing', () => {
  test('against a baseline without a catalog (a registry), an entry for a catalog rule was not checked: neither used nor unused', () => {
    const r = applyAccepts([], entries, { catalogRulesChecked: false, failOnUnused: true });
    expect(r.violations.map((v) => [v.ruleId, v.line])).toEqual([['ACCEPT_UNUSED', 5]]);
    expect(r.notes).toEqual(['1 accept entry for catalog rules not checked: this baseline has no catalog']);
  });

  test('with a catalog, both are judged; by default as notes', () => {
    const r = applyAccepts([], entries, { catalogRulesChecked: true, failOnUnused: false });
    expect(r.violations).toEqual([]);
    expect(r.notes).toHaveLength(2);
  });
});
