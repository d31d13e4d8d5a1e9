// The heading rules (toc, week-heading, week-sequence) run again only when what they read changed: rows inserted or
// deleted above some headings move their problems with the headings instead, unless a message names a line that moved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, keptEqualProblems, type Analysis } from '../../server/src/analysis';
import { WeekCache } from '../../server/src/model/cache';
import { githubSlug } from '../../server/src/model/urls';
import { RULES } from '../../server/src/rules/index';
import type { Rule } from '../../server/src/rules/rule';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { doc, lineOf, row, rows, week } from './helpers';
import { rng } from '../../bench/generate';

const heading = (dates: string) => `Top ML Papers of the Week (${dates})`;
const entry = (dates: string, anchor = githubSlug(heading(dates))) => `- [${heading(dates)}](#${anchor})`;

/** Counts the calls of the toc rule's check while `run` runs. */
function tocChecks(run: (calls: () => number) => void): void {
  const toc = RULES.find((r) => r.name === 'toc') as { check: NonNullable<Rule['check']> };
  const original = toc.check;
  let calls = 0;
  toc.check = (context, report) => {
    calls++;
    original.call(toc, context, report);
  };
  try {
    run(() => calls);
  } finally {
    toc.check = original;
  }
}

/** The text with a row inserted after the first row of the week whose heading names `dates`. */
function withRowIn(text: string, dates: string): string {
  const lines = text.split('\n');
  const first = lines.findIndex((l, i) => l.startsWith('| 1)') && i > lineOf(text, `(${dates})`));
  lines.splice(first + 1, 0, row(2, 'Inserted Paper'));
  return lines.join('\n');
}

const asJson = (analysis: Analysis) => JSON.stringify(analysis.problems);

/** A list with heading problems of two rules: an eight-day week (week-heading) and a TOC entry whose anchor matches nothing (toc). */
const eightDayWeekAndBrokenEntry = doc(
  '# List',
  '',
  entry('Feb 20 - 26'),
  entry('Feb 13 - 20'),
  entry('Feb 6 - 12', 'nowhere'),
  entry('Jan 30 - Feb 5'),
  '',
  week('Feb 20 - 26', rows(1, 'First')),
  week('Feb 13 - 20', rows(1, 'Second')),
  week('Feb 6 - 12', rows(1, 'Third')),
  week('Jan 30 - Feb 5', rows(1, 'Fourth')),
);

test('rows inserted above headings move the heading rules’ problems (and their fixes) without running the rules again', () => {
  const text = eightDayWeekAndBrokenEntry;
  tocChecks((calls) => {
    const cache = new WeekCache();
    const before = analyze(text, DEFAULT_SETTINGS, { cache });
    assert.equal(calls(), 1);
    const rules = new Set(before.problems.map((p) => p.rule));
    assert.ok(rules.has('toc') && rules.has('week-heading'), `the list has toc and week-heading problems: ${[...rules].join(', ')}`);
    const edited = withRowIn(text, 'Feb 20 - 26');
    const after = analyze(edited, DEFAULT_SETTINGS, { cache });
    assert.equal(calls(), 1, 'the toc rule did not run again');
    assert.equal(asJson(after), asJson(analyze(edited, DEFAULT_SETTINGS)), 'the same problems as a fresh analysis');
    const eightDays = after.problems.find((p) => p.rule === 'week-heading')!;
    assert.equal(eightDays.range.start.line, lineOf(edited, `## ${heading('Feb 13 - 20')}`), 'moved with its heading');
    assert.ok(eightDays.fix, 'with its fix, moved too');
  });
});

test('a heading rule’s message that names a heading line which moved is computed again', () => {
  const text = doc(
    '# List',
    '',
    entry('Feb 20 - 26'),
    entry('Feb 13 - 19'),
    '',
    week('Feb 20 - 26', rows(1, 'First')),
    week('Feb 13 - 19', rows(1, 'Second')),
    week('Feb 13 - 19', rows(1, 'Third')),
  );
  tocChecks((calls) => {
    const cache = new WeekCache();
    const before = analyze(text, DEFAULT_SETTINGS, { cache });
    const repeated = before.problems.find((p) => p.message.startsWith('Week heading repeats line'));
    assert.ok(repeated, 'the second Feb 13 - 19 heading repeats the first');
    const edited = withRowIn(text, 'Feb 20 - 26');
    const after = analyze(edited, DEFAULT_SETTINGS, { cache });
    assert.equal(calls(), 2, 'the rules ran again');
    assert.equal(asJson(after), asJson(analyze(edited, DEFAULT_SETTINGS)));
    assert.match(
      after.problems.find((p) => p.message.startsWith('Week heading repeats'))!.message,
      new RegExp(`line ${lineOf(edited, `## ${heading('Feb 13 - 19')}`) + 1}$`),
    );
  });
});

test('seeded rows inserted and deleted anywhere: the heading rules’ kept and moved problems always equal a fresh analysis', () => {
  // Heading problems at many places: an eight-day week (fix into the TOC), gaps, a repeated heading ("repeats line N"),
  // a TOC entry with a broken anchor and a week no entry reaches (its fix inserts after the TOC, a line that is not mapped).
  const weeks = ['Mar 20 - 26', 'Mar 13 - 20', 'Mar 6 - 12', 'Feb 20 - 26', 'Feb 20 - 26', 'Feb 6 - 12', 'Jan 30 - Feb 5', 'Jan 16 - 22'];
  const text = doc(
    '# List',
    '',
    ...weeks.slice(0, 5).map((dates, i) => entry(dates, i === 2 ? 'broken' : undefined)),
    entry('Jan 30 - Feb 5'),
    entry('Jan 16 - 22'),
    '',
    ...weeks.map((dates, i) => week(dates, rows(2, `W${i}`))),
  );
  const random = rng(7);
  tocChecks((calls) => {
    const cache = new WeekCache();
    let lines = text.split('\n');
    analyze(text, DEFAULT_SETTINGS, { cache });
    const edits = 60;
    for (let i = 0; i < edits; i++) {
      const rowLines = lines.flatMap((l, n) => (/^\| \d+\)/.test(l) ? [n] : []));
      const at = rowLines[Math.floor(random() * rowLines.length)];
      lines = [...lines];
      if (random() < 0.5 && rowLines.length > 8) lines.splice(at, 1);
      else lines.splice(at + 1, 0, row(9, `Inserted ${i}`));
      const edited = lines.join('\n');
      assert.equal(asJson(analyze(edited, DEFAULT_SETTINGS, { cache })), asJson(analyze(edited, DEFAULT_SETTINGS)), `after edit ${i}`);
    }
    // The fresh analyses ran the toc rule once each; the incremental ones must have skipped it for many edits.
    assert.ok(calls() - edits < edits / 2, `the toc rule ran ${calls() - edits - 1} times in ${edits} incremental analyses`);
  });
});

test('a heading edit runs the heading rules again, and the problems it left as they were keep their findings', () => {
  const text = eightDayWeekAndBrokenEntry;
  tocChecks((calls) => {
    const cache = new WeekCache();
    const before = analyze(text, DEFAULT_SETTINGS, { cache });
    const eightDays = before.problems.find((p) => p.rule === 'week-heading')!;
    const broken = before.problems.find((p) => p.rule === 'toc' && p.message.includes('#nowhere'))!;
    assert.ok(eightDays && broken, 'an eight-day week and a broken TOC entry');
    // The oldest week's heading gets a gap after it: a new week-sequence problem, the others unchanged.
    const edited = text.replace(`## ${heading('Jan 30 - Feb 5')}`, `## ${heading('Jan 29 - Feb 4')}`);
    const after = analyze(edited, DEFAULT_SETTINGS, { cache });
    assert.equal(calls(), 2, 'the rules ran again');
    assert.equal(asJson(after), asJson(analyze(edited, DEFAULT_SETTINGS)), 'the same problems as a fresh analysis');
    assert.ok(after.problems.includes(eightDays), 'the eight-day week’s finding is the same object');
    assert.ok(after.problems.includes(broken), 'the broken entry’s finding is the same object');
    const changed = after.problems.filter((p) => !before.problems.includes(p));
    assert.ok(
      changed.length > 0 && changed.every((p) => !before.problems.some((q) => JSON.stringify(q) === JSON.stringify(p))),
      'only the changed problems are new',
    );
  });
});

test('keptEqualProblems: each previous problem replaces at most one equal fresh problem, in or out of order, and only within its rule', () => {
  const problem = (rule: number, line: number, message = `at ${line}`) => ({
    rule,
    problem: {
      range: { start: { line, character: 0 }, end: { line, character: 1 } },
      message,
      fix: { title: 'Fix', edits: [{ range: { start: { line, character: 0 }, end: { line, character: 1 } }, newText: `${line}` }] },
    },
  });
  const [a, b, c, twin, other] = [problem(0, 1), problem(0, 2), problem(0, 3), problem(0, 3), problem(1, 1)];
  const previous = [a, b, c, twin, other];
  const copy = (p: ReturnType<typeof problem>) => ({ rule: p.rule, problem: structuredClone(p.problem) });
  const fresh = [copy(b), problem(0, 9), copy(a), copy(c), copy(c), copy(c), { rule: 0, problem: structuredClone(other.problem) }, copy(other)];
  const kept = keptEqualProblems(
    fresh,
    previous,
    (p) => p.problem,
    (p) => p.rule,
  );
  assert.deepEqual(
    kept.map((p) => previous.indexOf(p)),
    [1, -1, 0, 2, 3, -1, -1, 4],
  );
  assert.equal(kept[1], fresh[1], 'a new problem is kept as reported');
  assert.equal(kept[5], fresh[5], 'a third equal problem finds no previous one left');
  assert.equal(kept[6], fresh[6], 'equal data under another rule is not taken');
});

test('keptEqualProblems takes a previous problem only when every field is the same, down to each edit of each fix', () => {
  const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
  const full = {
    range: range(4, 2, 9),
    message: 'Week x spans 8 days',
    severity: 'info' as const,
    uri: 'file:///list/years/2025.md',
    related: [{ range: range(7, 0, 3), message: 'Older week', uri: 'file:///list/years/2024.md' }],
    fix: {
      title: 'Make the week',
      note: 'a note',
      edits: [{ range: range(4, 2, 9), newText: 'June 2 - June 8' }],
      otherFiles: [{ uri: 'file:///list/README.md', edits: [{ range: range(1, 5, 6), newText: 'june-2' }] }],
    },
    suggestions: [{ title: 'Remove the row', edits: [{ range: range(5, 0, 0), newText: '' }] }],
  };
  // Every leaf changed, and every optional member removed, one at a time.
  const variants: { path: string; problem: typeof full }[] = [];
  const visit = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'object' && value !== null) {
      for (const [key, member] of Object.entries(value)) {
        visit(member, [...path, Array.isArray(value) ? Number(key) : key]);
        if (!['range', 'message', 'title', 'edits', 'start', 'end', 'line', 'character', 'newText'].includes(key) || Array.isArray(value)) {
          const removed = structuredClone(full);
          const parent = path.reduce<Record<string | number, unknown>>((at, step) => at[step] as Record<string | number, unknown>, removed);
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete parent[key];
          variants.push({ path: `${[...path, key].join('.')} removed`, problem: removed });
        }
      }
      return;
    }
    const changed = structuredClone(full);
    const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((at, step) => at[step] as Record<string | number, unknown>, changed);
    parent[path[path.length - 1]] = typeof value === 'number' ? value + 1 : `${value}!`;
    variants.push({ path: path.join('.'), problem: changed });
  };
  visit(full, []);
  assert.ok(variants.length > 30, `${variants.length} variants`);
  for (const { path, problem } of variants) {
    const [kept] = keptEqualProblems([problem], [full], (p) => p);
    assert.equal(kept, problem, `a problem differing in ${path} is not the previous one`);
  }
  const [same] = keptEqualProblems([structuredClone(full)], [full], (p) => p);
  assert.equal(same, full, 'a problem holding the same data is the previous one');
});
