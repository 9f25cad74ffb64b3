/** A bug (anything but a user error) exits 2 with its stack trace, never 0, 1 or 100. */
import { expect, test, vi } from 'vitest';
import { runCheckCommand } from '../../generator/cli/check-command.js';
import { capture } from './capture-output.js';

vi.mock('../../generator/compat/gate/run-check.js', () => ({
  runCheck: () => Promise.reject(new TypeError('boom')),
}));

test('an internal error exits 2', async () => {
  const r = await capture(() => runCheckCommand(['--against', 'git:HEAD']));
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^unilog check: internal error \(please report it\): TypeError: boom\n {4}at /);
});
