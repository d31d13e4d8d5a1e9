// normalizeTitle keys the duplicate-title index; its one-pass ASCII path must give what the Unicode regular
// expressions give, for any ASCII text (and non-ASCII titles take the regular expressions themselves).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeTitle } from '../../server/src/model/model';
import { rng } from '../../bench/generate';

const byRegex = (title: string) =>
  title
    .toLowerCase()
    .replace(/[*_`~]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

test('normalizeTitle equals the regular-expression normalization on seeded random titles', () => {
  const random = rng(5);
  const alphabet = 'aZq09 *_`~-.,:!?()[]{}|\t\\"\'/é😀ß';
  for (let i = 0; i < 20000; i++) {
    let title = '';
    for (let n = Math.floor(random() * 16); n > 0; n--) title += alphabet[Math.floor(random() * alphabet.length)];
    assert.equal(normalizeTitle(title), byRegex(title), JSON.stringify(title));
  }
  assert.equal(normalizeTitle('  **Large** Language_Models: a *Survey*  '), 'large languagemodels a survey');
});
