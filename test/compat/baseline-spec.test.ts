/** `--against`: the three kinds of baseline, and what a user who mistypes one is told. */
import { describe, expect, test } from 'vitest';
import { parseBaselineSpec } from '../../generator/compat/gate/baseline.js';

describe('--against', () => {
  test.each([
    ['git:origin/main', { kind: 'git', ref: 'origin/main' }],
    ['git:v1:schemas', { kind: 'git', ref: 'v1:schemas' }],
    ['dir:release/1.0', { kind: 'dir', path: 'release/1.0' }],
    ['registry:http://localhost:8081', { kind: 'registry', url: 'http://localhost:8081' }],
    ['registry:https://r.example.com/apis/ccompat/v7//', { kind: 'registry', url: 'https://r.example.com/apis/ccompat/v7' }],
  ])('%s', (text, want) => {
    expect(parseBaselineSpec(text)).toEqual(want);
  });

  test.each([
    ['HEAD', "--against must be git:<ref>, dir:<path> or registry:<url>, not 'HEAD'"],
    ['git:', "--against must be git:<ref>, dir:<path> or registry:<url>, not 'git:'"],
    ['svn:1', "--against must be git:<ref>, dir:<path> or registry:<url>, not 'svn:1'"],
    [':main', "--against must be git:<ref>, dir:<path> or registry:<url>, not ':main'"],
    ['registry:localhost:8081', "registry baseline must be an http(s) URL, not 'localhost:8081'"],
    ['registry:ftp://r.example.com', "registry baseline must be an http(s) URL, not 'ftp://r.example.com'"],
    ['registry: http://r.example.com', "registry baseline must be an http(s) URL, not ' http://r.example.com'"],
  ])('%s is refused', (text, message) => {
    expect(parseBaselineSpec(text)).toBe(message);
  });
});
