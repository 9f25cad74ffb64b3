import { describe, expect, it } from 'vitest';
import { UserIndex } from '../src/index/user-index.js';

const user = (id: string, username: string, displayName: string) => ({ id, username, displayName, bio: null, verified: false, followerCount: 0 });

describe('UserIndex', () => {
  const index = new UserIndex();
  index.put(user('1', 'adalovelace', 'Ada Lovelace'));
  index.put(user('2', 'ada', 'Ada B'));
  index.put(user('3', 'grace', 'Grace Hopper (ada fan)'));
  index.put(user('4', 'linus', 'Linus'));

  it('finds by username or display name, case-insensitively, best first', () => {
    expect(index.search('ADA', 10).map((u) => u.id)).toEqual(['2', '1', '3']);
  });

  it('limits the results', () => {
    expect(index.search('a', 2)).toHaveLength(2);
  });

  it('replaces and removes users', () => {
    index.put(user('4', 'linus', 'Linus Torvalds'));
    expect(index.get('4')?.displayName).toBe('Linus Torvalds');
    index.remove('4');
    expect(index.get('4')).toBeUndefined();
    expect(index.size).toBe(3);
  });
});
