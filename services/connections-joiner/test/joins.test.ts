// Checks that every join this service owns is wired in; add tests of your join functions beside it.
import { expect, test } from 'vitest';
import { joins } from '../src/joins/index.js';

test('the service runs the joins it owns', () => {
  expect(joins.map((j) => j.name)).toEqual(['users-with-connections']);
});
