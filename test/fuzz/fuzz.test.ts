// The bounded fuzz run of `npm test`: 300 seeded cases over the fixtures, the sample and (when present) the corpus.
// A failure prints its case seed, the replay command and a shrunk reproducer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFailure, findSources, formatSummary, runFuzz } from './fuzz';
import { MUTATION_KINDS } from './mutations';

const SEED = 20250701;
const CASES = 300;

test(`fuzz: ${CASES} mutated lists keep every property (seed ${SEED})`, () => {
  const summary = runFuzz({ cases: CASES, seed: SEED, sources: findSources() });
  console.log(formatSummary(summary));
  assert.equal(summary.cases, CASES);
  // Every mutation kind ran, so a refactoring that silently disables one shows here.
  for (const kind of MUTATION_KINDS) assert.ok(summary.mutationCounts[kind] > 0, `mutation ${kind} never ran`);
  assert.deepEqual(
    summary.failures.map((f) => describeFailure(f, SEED)),
    [],
  );
});
