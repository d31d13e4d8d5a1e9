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

test('normalizeTitle of long titles: past the shared buffer and past one argument list', () => {
  const random = rng(6);
  const alphabet = 'aZq09 *_`~-.,:!?';
  for (const length of [255, 256, 257, 300, 4095, 4096, 4097, 5000, 9000, 20000]) {
    let title = '';
    for (let n = 0; n < length; n++) title += alphabet[Math.floor(random() * alphabet.length)];
    assert.equal(normalizeTitle(title), byRegex(title), `a title of ${length} characters`);
  }
  // A long title then a short one: the short one's key holds nothing of the long one's.
  normalizeTitle('x'.repeat(300));
  assert.equal(normalizeTitle('Ab'), 'ab');
});
