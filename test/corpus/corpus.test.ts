// The public lists in ../shared/corpus (never copied into this repo): the known problems of the 974 KB list are
// found, and over every version in history/ nothing crashes, fix-all settles, and no parse artefact shows up.
// Skipped, with the reason printed, when the corpus is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze, type Analysis } from '../../server/src/analysis';
import { fixAll } from '../../server/src/fixAll';
import { WeekCache } from '../../server/src/model/cache';
import { sanitizeSettings } from '../../server/src/settings';

const corpus = resolve(__dirname, '..', '..', '..', 'shared', 'corpus');
const missing = !existsSync(join(corpus, 'potw-2025-07-README.md')) && `corpus not found at ${corpus} (public data kept outside the repo)`;
if (missing) console.log(`# skipping corpus tests: ${missing}`);

const settings = sanitizeSettings({});
const read = (path: string) => readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
const messages = (a: Analysis, rule: string) => a.problems.filter((p) => p.rule === rule).map((p) => p.message);

test('the 2025 list: duplicate arXiv papers, the overlapping April week, TOC entries pointing at the wrong week', { skip: missing }, () => {
  const text = read(join(corpus, 'potw-2025-07-README.md'));
  const analysis = analyze(text, settings);
  assert.equal(analysis.list.weeks.length, 130);
  assert.ok(analysis.list.weeks.reduce((n, w) => n + w.rows.length, 0) >= 1290);

  const papers = messages(analysis, 'duplicate-paper');
  for (const id of ['2408.05109', '2306.05284', '2307.13528']) {
    assert.equal(papers.filter((m) => m.includes(id)).length, 2, `both rows listing arXiv ${id} are reported`);
  }

  // The eight-day label is one problem, reported by week-heading with the fix; week-sequence stays quiet about it.
  const april = analysis.problems.filter((p) => p.rule.startsWith('week-') && /^Week April 6 - April 13 /.test(p.message));
  assert.deepEqual(
    april.map((p) => [p.rule, p.message]),
    [['week-heading', 'Week April 6 - April 13 spans 8 days; expected 7 (April 7 - April 13)']],
  );
  assert.ok(april[0].fix, 'the eight-day April 6 - April 13 week is reported with a fix');

  const toc = messages(analysis, 'toc');
  assert.ok(
    toc.some((m) =>
      m.startsWith(
        'TOC entry "Top ML Papers of the Week (October 21 - October 27)" points at week October 14 - October 20; expected #top-ml-papers-of-the-week-october-21---october-27---2024',
      ),
    ),
  );
  assert.ok(
    toc.some((m) =>
      m.startsWith(
        'TOC entry "Top ML Papers of the Week (July 22 - July 28)" points at week July 15 - July 21; expected #top-ml-papers-of-the-week-july-22---july-28---2024',
      ),
    ),
  );

  // Both ends of each misdirected entry: the week it names is reported at its heading, linked to the entry.
  for (const week of ['October 21 - October 27', 'July 22 - July 28']) {
    const far = toc.find((m) => m.startsWith(`Week ${week} is not reachable from the table of contents: its entry on line `));
    assert.ok(far, `the ${week} week is reported at its heading too`);
  }
  assert.ok(
    toc.some((m) =>
      /^Week April 6 - April 13 has no working entry in the table of contents; the entry on line \d+ \("Top ML Papers of the Week \(April 7 - April 13\)"\)/.test(
        m,
      ),
    ),
    'the April entry names the week as it should be; the heading end is reported',
  );

  const fixed = fixAll(text, settings);
  assert.match(fixed.text, /^## Top ML Papers of the Week \(April 7 - April 13\) - 2025$/m);
  const after = analyze(fixed.text, settings);
  assert.deepEqual(
    messages(after, 'toc').filter((m) => /April 7 - April 13|October 21|July 22/.test(m)),
    [],
    'after fix-all those TOC entries resolve',
  );
  assert.deepEqual(messages(after, 'week-sequence'), []);
});

test('the 2023 list: its typical mistakes', { skip: missing }, () => {
  const analysis = analyze(read(join(corpus, 'potw-2023-02-README.md')), settings);
  const has = (rule: string, pattern: RegExp) =>
    assert.ok(
      messages(analysis, rule).some((m) => pattern.test(m)),
      `${rule} ${pattern}`,
    );
  has('row-number', /^Row number "5\." should be written "5\)"$/);
  has('table-row', /^Row 5 of week Feb 20-26 has no trailing "\|"$/);
  has('row-number', /^Row number 6 should be 5: week Feb 13 - 19 skips 5$/);
  has('placeholder-link', /^Link \[Paper\] is the placeholder "xxx"/);
  has('placeholder-link', /is the folder "pics\/"/);
  has('duplicate-title', /^Title "StyleGAN-T: .*" is also row \d+ of week Jan 23-29$/);
});

// Message shapes judged real mistakes over the history versions (see the report in the commit that added this
// test). A message outside these shapes is a new kind of finding: judge it, then fix the parser or add it here.
const REAL: Record<string, RegExp[]> = {
  'row-number': [/^Row number "\d+(?:\.|\)\.)" should be written "\d+\)"$/, /^Row number \d+ should be \d+: week .* skips \d+$/],
  'table-row': [
    /^Row \d+ of week .* has no trailing "\|"$/,
    /^Row \d+ of week .*: a stray "\|" splits the links cell into 2 cells/,
    /^Row \d+ of week .* has 1 cell; the header has 2/,
    // `|r|≈0.88` in a description: GitHub splits the cell there too.
    /^Row \d+ of week .* has 4 cells; the header has 2/,
  ],
  'missing-link': [/^Row \d+ ".+" has no \[Paper\] link$/],
  'duplicate-title': [/^Title ".+" is also row \d+ of week /],
  'duplicate-paper': [/^Paper https?:\/\/\S+ is also listed as row \d+ of week /],
  'placeholder-link': [
    /^(?:Link|Image) \[[^\]]*\] (?:is the placeholder "(?:xxx|XXX)"|is empty|is the folder "pics?\/"|holds the placeholder link "\[XXX\]|is prose \()/,
  ],
  'placeholder-text': [/^Row \d+ of week .*: the (?:title|description) is the placeholder "(?:XXX|xxx|xxxx)"; expected /],
  'week-heading': [/^Week .* spans \d+ days; expected 7 /, /^Week heading repeats line \d+$/, /^Week heading has no space between month and day in "March4"/],
  'week-sequence': [/^Week .* overlaps the week before \(.*\); expected it to start /, /^Week .* leaves a gap of 7 days after .*; expected it to start /],
  toc: [
    /^TOC entry ".*" points at week .*(?:; expected #|, whose dates differ from the entry text|, but its text names week .* which the entry on line \d+ lists)/,
    /^TOC entry ".*" points at #\S+, which matches no heading/,
    /^TOC entry ".*" (?:has an empty target|links to "(?:xxx|XXX)", which has no #anchor)/,
    /^TOC entry ".*" repeats the entry on line \d+/,
    /^Week .* has no entry in the table of contents$/,
    /^Week .* has no working entry in the table of contents; the entry on line \d+ \(".*"\) matches no heading$/,
    /^TOC entry text ".*" is malformed \((?:no dates|unbalanced parentheses)\); expected ".*"$/,
    /^Week .* is not reachable from the table of contents: its entry on line \d+ (?:points at week .*|points at #\S+, which matches no heading)$/,
  ],
  // The list's maintainers rewrote every `./#anchor` as `#anchor` in 2026: `./#` fails in GitHub's file view.
  'relative-anchor': [/^Link "\.\/#top-[a-z0-9-]+" does not work in GitHub's file view; expected "#top-[a-z0-9-]+"$/],
  'link-label': [/^\[Tweet\] links to arxiv\.org/, /^Link label "Tweet\)" is malformed; expected "Tweet"$/],
};

const ROW_LIKE = /^\s*\|?\s*(?:\*\*)?\d{1,2}\s*(?:\)|\.)/;
const TOC_LIKE = /^\s*[-*] \[Top ML Papers of the Week/;

test(
  'every version in history/, both top-level lists, the last single-file 2026 list and every year file since the split: no crash, fix-all settles, no parse artefact',
  { skip: missing },
  () => {
    const files = [
      ...readdirSync(join(corpus, 'history'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => join(corpus, 'history', f)),
      join(corpus, 'potw-2025-07-README.md'),
      join(corpus, 'potw-2023-02-README.md'),
      join(corpus, 'aipotw-2026-04-single', 'README.md'),
      // The year files of the split list, each on its own (their index READMEs are lists of other files' weeks).
      ...[join(corpus, 'aipotw-2026-06'), ...readdirSync(join(corpus, 'multi-history')).map((rev) => join(corpus, 'multi-history', rev))].flatMap((dir) =>
        readdirSync(join(dir, 'years'))
          .filter((f) => f.endsWith('.md'))
          .map((f) => join(dir, 'years', f)),
      ),
    ];
    assert.ok(files.length >= 93, `${files.length} files`);
    const unexpected: string[] = [];
    for (const file of files) {
      const name = file.slice(corpus.length + 1);
      const text = read(file);
      const cache = new WeekCache();
      // missing-file is left out: the pictures of those versions are not part of the corpus.
      const analysis = analyze(text, settings, { cache });
      for (const p of analysis.problems) {
        if (!(REAL[p.rule] ?? []).some((r) => r.test(p.message))) unexpected.push(`${name}:${p.range.start.line + 1} ${p.rule} ${p.message}`);
      }

      const lines = text.split(/\r?\n/);
      const rowLines = new Set(analysis.list.weeks.flatMap((w) => w.rows.map((r) => r.line)));
      const fenced = new Set<number>();
      for (let i = 0, inFence = false; i < lines.length; i++) {
        if (/^\s*```/.test(lines[i])) inFence = !inFence;
        if (inFence) fenced.add(i);
      }
      for (const week of analysis.list.weeks) {
        for (let line = week.startLine + 1; line < week.endLine; line++) {
          if (!fenced.has(line) && ROW_LIKE.test(lines[line]) && lines[line].includes(']('))
            assert.ok(rowLines.has(line), `${name}:${line + 1} is a row the parser did not see`);
        }
        for (const row of week.rows) {
          // A bold that swallowed the description (the list's own slip) gives a long title exactly as written.
          if (row.number)
            assert.ok(
              row.title !== '' && (row.title.length <= 140 || lines[row.line].includes(`**${row.title}**`)),
              `${name}:${row.line + 1} title cut wrongly: "${row.title.slice(0, 80)}…"`,
            );
          for (const link of row.links)
            assert.equal(
              (link.target.match(/\(/g) ?? []).length,
              (link.target.match(/\)/g) ?? []).length,
              `${name}:${row.line + 1} link target cut: ${link.target}`,
            );
        }
      }
      const tocLines = new Set(analysis.list.toc.map((e) => e.line));
      lines.forEach((l, i) => {
        if (TOC_LIKE.test(l)) assert.ok(tocLines.has(i), `${name}:${i + 1} is a TOC entry the parser did not see`);
      });

      const once = fixAll(text, settings, { cache });
      const left = analyze(once.text, settings, { cache });
      assert.deepEqual(
        left.problems.filter((p) => p.fix).map((p) => `${p.rule} ${p.message}`),
        [],
        `${name}: nothing fixable left after fix-all`,
      );
      assert.equal(fixAll(once.text, settings, { cache }).text, once.text, `${name}: a second fix-all changes nothing`);
      const count = (a: Analysis, rule: string) => a.problems.filter((p) => p.rule === rule).length;
      for (const rule of Object.keys(REAL)) assert.ok(count(left, rule) <= count(analysis, rule), `${name}: fix-all added ${rule} problems`);
    }
    assert.deepEqual(unexpected, [], 'findings of a kind not judged a real mistake');
  },
);
