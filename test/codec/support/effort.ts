/**
 * How many random values or inputs a property test tries. Under Stryker (stryker.config.mjs sets
 * UNILOG_MUTATION_TESTS) every mutant these tests cover runs them again, so there they try fewer: every schema shape
 * and option set still, fewer values of each. `npm test` tries the full count (docs/mutation.md says what the trade
 * costs).
 */
export function randomCount(full: number, underMutation: number): number {
  return process.env.UNILOG_MUTATION_TESTS === undefined ? full : underMutation;
}
