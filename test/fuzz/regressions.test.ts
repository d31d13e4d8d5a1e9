// Replays the reproducers the fuzzer found (test/fixtures/regressions/*.json): each once broke the property it
// names; all properties must hold for them now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProperties } from './properties';
import { regressionsDir, settingsNamed } from './fuzz';

interface Regression {
  readonly description: string;
  readonly property: string;
  readonly settings: string;
  readonly previous: readonly string[];
  readonly text: string;
}

const files = readdirSync(regressionsDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

test('the regression folder holds the fuzzer findings', () => {
  assert.ok(files.length >= 6, `expected the regression fixtures in ${regressionsDir}, found ${files.length}`);
});

for (const file of files) {
  const regression = JSON.parse(readFileSync(join(regressionsDir, file), 'utf8')) as Regression;
  test(`regression ${file} (once: ${regression.property})`, () => {
    const failure = checkProperties({
      previous: regression.previous,
      text: regression.text,
      settings: settingsNamed(regression.settings),
      fileExists: () => false,
    });
    assert.equal(failure, undefined, `${regression.description}\n${failure?.property}: ${failure?.message}`);
  });
}
