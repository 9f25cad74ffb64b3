import { describe, expect, test } from 'vitest';
import { finding } from '../../generator/compat/gate/finding.js';
import { printJunit } from '../../generator/compat/gate/print-junit.js';

describe('junit report', () => {
  test('two findings of one rule at one position are two test cases with distinct names', () => {
    const at = { file: 'schemas/users.avsc', line: 12, col: 7 };
    const xml = printJunit({
      against: 'git:HEAD',
      violations: [finding('TYPE_MISMATCH', at, 'first problem', 'users'), finding('TYPE_MISMATCH', at, 'second problem', 'users')],
      accepted: [],
      notes: [],
      topicsChecked: 1,
    });
    const names = [...xml.matchAll(/<testcase classname="[^"]*" name="([^"]*)"/g)].map((m) => m[1]);
    expect(names).toEqual(['TYPE_MISMATCH schemas/users.avsc:12:7', 'TYPE_MISMATCH schemas/users.avsc:12:7 (2)']);
    expect(xml).toContain('tests="2" failures="2"');
  });
});
