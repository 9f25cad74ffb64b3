import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderApiReport } from './render-api-report.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('public API', () => {
  // A change of what users can import must show in a pull request as a diff of api/unilog.api.md.
  // After an intended change: `npm run api:update`, then review and commit the report.
  it('matches the checked-in report api/unilog.api.md', async () => {
    await expect(renderApiReport(root)).toMatchFileSnapshot('../../api/unilog.api.md');
  });
});
