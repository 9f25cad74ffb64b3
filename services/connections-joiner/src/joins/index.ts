// The joins this service runs: one entry per join of schemas/joins.yaml that it owns, pairing the generated
// definition with your function (the pairing is type-checked). `unilog generate` adds an entry and a stub for each
// new one.
import { bindJoin, type BoundJoin } from 'unilog/runtime';
import { usersWithConnectionsJoin } from '../../../../generated/joins/users-with-connections.js';
import { usersWithConnections } from './users-with-connections.js';

export const joins: readonly BoundJoin[] = [
  bindJoin(usersWithConnectionsJoin, usersWithConnections),
];
