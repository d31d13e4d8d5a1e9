import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paperKey, arxivId, placeholderReason, githubSlug, anchorOf, hostOf, hostsCode } from '../../server/src/model/urls';
import { analyze } from '../../server/src/analysis';
import { settings } from './helpers';

test('arXiv spellings of one paper share a key', () => {
  const spellings = [
    'https://arxiv.org/abs/2408.01234',
    'https://arxiv.org/pdf/2408.01234',
    'https://arxiv.org/pdf/2408.01234.pdf',
    'https://arxiv.org/pdf/2408.01234v2',
    'http://arxiv.org/abs/2408.01234v3',
    'https://www.arxiv.org/abs/2408.01234/',
    'arxiv.org/html/2408.01234v1',
    'https://arxiv.org/abs/2408.01234?context=cs',
  ];
  for (const url of spellings) assert.equal(paperKey(url), 'arxiv:2408.01234', url);
  assert.notEqual(paperKey('https://arxiv.org/abs/2408.01235'), 'arxiv:2408.01234');
  assert.equal(arxivId('https://arxiv.org/pdf/2408.01234v2.pdf'), '2408.01234');
});

test('other URLs: scheme, www., trailing slash, fragment and tracking parameters ignored; other parameters kept', () => {
  const same = [
    'https://www.widget.ai/blog/post/',
    'http://widget.ai/blog/post',
    'https://widget.ai/blog/post?s=20',
    'https://widget.ai/blog/post?s=20&t=AbCdEf',
    'https://widget.ai/blog/post?utm_source=x&utm_medium=y',
    'https://widget.ai/blog/post#section',
  ];
  const keys = new Set(same.map(paperKey));
  assert.equal(keys.size, 1, [...keys].join(' | '));
  assert.notEqual(paperKey('https://openreview.net/forum?id=AAAA'), paperKey('https://openreview.net/forum?id=BBBB'), 'openreview ?id= tells papers apart');
  assert.equal(paperKey('https://openreview.net/forum?id=AAAA&utm_source=feed'), paperKey('https://openreview.net/forum?id=AAAA'));
  assert.equal(paperKey('xxx'), undefined, 'a placeholder has no key');
  assert.equal(paperKey(''), undefined);
});

test('placeholder variants', () => {
  const placeholders = [
    '',
    ' ',
    '#',
    '##',
    'xxx',
    'XXX',
    'xxxx',
    'TODO',
    'tbd',
    'TBA',
    'link',
    'URL',
    'https://',
    'http:',
    'https://example.com/paper',
    'www.example.org',
    'the paper is on arxiv',
    '[XXX](https://arxiv.org/abs/2501.00001)',
  ];
  for (const target of placeholders) assert.ok(placeholderReason(target, false), JSON.stringify(target));
  assert.match(placeholderReason('pics/', true)!, /folder "pics\/"/);
  assert.equal(placeholderReason('pics/', false), undefined, 'a folder link (not an image) may be intended');
  for (const real of ['https://arxiv.org/abs/2501.00001', 'pics/week-1.png', './notes.md', '<https://a.org/with space>', 'https://examples.com/x'])
    assert.equal(placeholderReason(real, false), undefined, real);
  assert.match(
    placeholderReason('https://draft.widget.ai/p', false, ['DRAFT.widget'])!,
    /pattern "DRAFT.widget"/,
    'extra patterns are plain, case-insensitive text',
  );
  assert.equal(placeholderReason('https://a.org/p', false, ['.*']), undefined, 'patterns are never regular expressions');
});

test('githubSlug follows GitHub: lowercase, punctuation dropped, spaces to dashes', () => {
  assert.equal(githubSlug('Top ML Papers of the Week (June 23 - June 29) - 2025'), 'top-ml-papers-of-the-week-june-23---june-29---2025');
  assert.equal(githubSlug('Top ML Papers of the Week (Jan 30-Feb 5)'), 'top-ml-papers-of-the-week-jan-30-feb-5');
  assert.equal(githubSlug('**ML Papers of The Week**'), 'ml-papers-of-the-week');
  assert.equal(githubSlug('Café & 模型 — notes_v2'), 'café--模型--notes_v2');
});

test('repeated headings get -1, -2 anchors', () => {
  const text = ['# Notes', '## Week (Jan 1 - Jan 7)', '## Week (Jan 1 - Jan 7)', '## Week (Jan 1 - Jan 7)', '## Notes'].join('\n');
  const anchors = analyze(text, settings()).list.anchors;
  assert.deepEqual(
    [...anchors.entries()].sort((a, b) => a[1] - b[1]),
    [
      ['notes', 0],
      ['week-jan-1---jan-7', 1],
      ['week-jan-1---jan-7-1', 2],
      ['week-jan-1---jan-7-2', 3],
      ['notes-1', 4],
    ],
  );
});

test('repeated headings are numbered with the first free suffix, also when another heading took one, as GitHub does', () => {
  // GitHub's slugger: "a" "a-1" "a" → a, a-1, a-2; "a" "a" "a-1" → a, a-1, a-1-1; "a-2" "a" "a" "a" → a-2, a, a-1, a-3.
  const anchorsOf = (headings: string[]) => {
    const list = analyze(headings.map((h) => `## ${h}`).join('\n'), settings()).list;
    return [...list.anchors.entries()].sort((x, y) => x[1] - y[1]).map(([anchor]) => anchor);
  };
  assert.deepEqual(anchorsOf(['a', 'a-1', 'a']), ['a', 'a-1', 'a-2']);
  assert.deepEqual(anchorsOf(['a', 'a', 'a-1']), ['a', 'a-1', 'a-1-1']);
  assert.deepEqual(anchorsOf(['a-2', 'a', 'a', 'a']), ['a-2', 'a', 'a-1', 'a-3']);
  assert.deepEqual(anchorsOf(['a', 'b', 'a', 'a-1', 'b', 'a']), ['a', 'b', 'a-1', 'a-1-1', 'b-1', 'a-2']);
  const many = anchorsOf(Array.from({ length: 3000 }, () => 'Week (Jan 1 - Jan 7)'));
  assert.equal(new Set(many).size, 3000);
  assert.equal(many[2999], 'week-jan-1---jan-7-2999');
});

test('anchorOf reads every TOC target form', () => {
  for (const target of ['./#week-a', '#week-a', 'https://github.com/o/r#week-a', 'https://github.com/o/r/blob/main/README.md#week-a', '#week%2Da'])
    assert.equal(anchorOf(target), 'week-a', target);
  assert.equal(anchorOf('https://github.com/o/r'), undefined);
  assert.equal(anchorOf('#bad%zz'), 'bad%zz');
});

test('hosts', () => {
  assert.equal(hostOf('https://www.GitHub.com/o/r'), 'github.com');
  assert.equal(hostOf('pics/a.png'), undefined);
  assert.ok(hostsCode('github.com') && hostsCode('widget.github.io') && hostsCode('huggingface.co') && hostsCode('git.widget.org'));
  assert.ok(!hostsCode('arxiv.org') && !hostsCode('x.com'));
});
