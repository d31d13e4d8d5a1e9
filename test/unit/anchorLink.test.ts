// anchor-link: same-document links resolve to headings or to HTML anchors, which are found when first asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis';
import { WeekCache } from '../../server/src/model/cache';
import { LineIndex } from '../../server/src/model/text';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { doc, row, rulesOf, week } from './helpers';

test('anchor-link: a link to an HTML anchor resolves, between the weeks and inside one; a missing one is reported', () => {
  const text = doc(
    '# List',
    '',
    '<a id="before-weeks"></a>',
    '',
    week('Feb 13 - 19', [
      row(1, 'A'),
      '| 2) **B** - see [notes](#in-week), [top](#before-weeks), [gone](#nowhere) | [Paper](https://arxiv.org/abs/2501.00002) |',
    ]),
    '<a name="in-week"></a>',
    '',
    week('Feb 6 - 12'),
  );
  const problems = rulesOf(analyze(text, DEFAULT_SETTINGS).problems, 'anchor-link');
  assert.deepEqual(
    problems.map((p) => p.message),
    ['Link [gone] points at #nowhere, which matches no heading in this document'],
  );
});

test('anchor-link: an HTML anchor added by an edit is seen by the next version, and one removed is missed', () => {
  const cache = new WeekCache();
  const base = doc('# List', '', '[Jump](#later)', '', week('Feb 13 - 19'), week('Feb 6 - 12'));
  let index = new LineIndex(base);
  const messages = () => rulesOf(analyze(index, DEFAULT_SETTINGS, { cache }).problems, 'anchor-link').map((p) => p.message);
  assert.equal(messages().length, 1, 'no anchor yet');
  const end = index.text.length;
  index = index.edit(end, end, '\n<a id="later"></a>\n');
  assert.deepEqual(messages(), [], 'the added anchor resolves the link');
  const at = index.text.indexOf('<a id="later">');
  index = index.edit(at, at + '<a id="later"></a>'.length, '');
  assert.equal(messages().length, 1, 'the removed anchor no longer does');
});
