/** Which of the service's Node.js flags a process was started without (runService warns about them). */
import { describe, expect, it } from 'vitest';
import { missingNodeFlags, SERVICE_NODE_FLAGS } from '../../runtime/service/node-flags.js';

describe('missingNodeFlags', () => {
  it('finds the flags in the command line or in NODE_OPTIONS, in either spelling', () => {
    expect(missingNodeFlags([], undefined)).toEqual([...SERVICE_NODE_FLAGS]);
    expect(missingNodeFlags(['--min-semi-space-size=16'], undefined)).toEqual([]);
    expect(missingNodeFlags(['--min-semi-space-size=32'], '')).toEqual([]);
    expect(missingNodeFlags([], '--max-old-space-size=512 --min_semi_space_size=16')).toEqual([]);
    expect(missingNodeFlags(['--max-semi-space-size=16'], '--enable-source-maps')).toEqual(['--min-semi-space-size=16']);
  });
});
