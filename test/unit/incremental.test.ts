// The server's incremental path (document store editing its line table, section cache, memoized TOC lines
// and section facts) must give exactly what a fresh analysis of the same text gives, after any edit sequence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze, type Analysis } from '../../server/src/analysis';
import { WeekCache } from '../../server/src/model/cache';
import { LineIndex, splitLines } from '../../server/src/model/text';
import { DocumentStore, OpenDocument } from '../../server/src/documents';
import { resolveRelative, type Host } from '../../server/src/host';
import { analyzeMembers, type FileSource, type ListLayout } from '../../server/src/list/loadList';
import type { ListAnalysis } from '../../server/src/list/listAnalysis';
import type { ListRowRef } from '../../server/src/list/listModel';
import { githubSlug } from '../../server/src/model/urls';
import { diskHost } from '../../server/src/node/diskHost';
import { PaperListService } from '../../server/src/service';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { weeksOf } from '../../server/src/features/weeksRequest';
import { documentSymbols } from '../../server/src/features/symbols';
import { diagnosticsOf } from '../../server/src/features/diagnostics';
import { generateList, rng } from '../../bench/generate';
import { landmarks, randomEdit, type Range } from '../../bench/edits';

const root = resolve(__dirname, '../..');
const corpusFile = resolve(root, '../shared/corpus/potw-2025-07-README.md');
const corpusMissing = !existsSync(corpusFile);

/** Everything a rule or feature can read from the model, in a comparable form. */
function snapshot(analysis: Analysis): string {
  const { list } = analysis;
  return JSON.stringify({
    problems: analysis.problems,
    weeks: list.weeks,
    toc: list.toc,
    anchors: [...list.anchors],
    outsideLinks: list.outsideLinks,
    disableComments: list.disableComments,
    // Key order is not meaningful (an edit updates the maps from the previous version's); each key's refs' order is.
    titles: [...list.titles].sort(byKey).map(([k, refs]) => [k, refs.map((r) => r.row.line)]),
    papers: [...list.papers].sort(byKey).map(([k, refs]) => [k, refs.map((r) => r.row.line)]),
    repeatedTitles: [...list.repeatedTitles].sort(),
    repeatedPapers: [...list.repeatedPapers].sort(),
    htmlAnchors: [...list.htmlAnchors].sort(),
    markerStyle: list.markerStyle,
    lineCount: list.lines.lineCount,
  });
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

const SNIPPETS = [
  '\n',
  '\r\n',
  '|',
  ' ',
  'x',
  '## Top ML Papers of the Week (June 1 - June 7)\n',
  '- [Top ML Papers of the Week (June 1 - June 7)](./#a)\n',
  '| 3) **T** - d | [Paper](https://arxiv.org/abs/2101.00001) |\n',
  '```\n',
  '<!--',
  '-->',
  '# Other\n',
  '',
];

/** An edit anywhere, of any shape: what a fuzzier user (or a paste) does, line breaks and CRLF included. */
function rawEdit(text: string, random: () => number): Change {
  const index = new LineIndex(text);
  const start = Math.floor(random() * (text.length + 1));
  const end = Math.min(text.length, start + (random() < 0.5 ? 0 : Math.floor(random() * 40)));
  const insert = SNIPPETS[Math.floor(random() * SNIPPETS.length)];
  return { range: { start: index.positionAt(start), end: index.positionAt(end) }, text: insert };
}

interface Change {
  readonly range: Range;
  readonly text: string;
}

const WEEK_TO_ADD = [
  '## Top ML Papers of the Week (March 3 - March 9)',
  '| **Paper**  | **Links** |',
  '| ------------- | ------------- |',
  '| 1) **Added Week Paper** - invented | [Paper](https://arxiv.org/abs/2101.00003) |',
  '| 2) **Added Week Paper** - a duplicate title | [Paper](https://arxiv.org/abs/2101.00004), [Tweet](https://example.org/t) |',
  '',
].join('\n');

/**
 * Edits that change which week a line belongs to, as a sequence of changes each made against the text the previous
 * one left: move a row to another week, add a week, remove a week, merge a week into the one above.
 */
function structuralEdit(random: () => number): ((lines: readonly string[]) => Change | undefined)[] {
  const pick = <T>(items: readonly T[]): T | undefined => (items.length === 0 ? undefined : items[Math.floor(random() * items.length)]);
  const at = (line: number, character = 0) => ({ line, character });
  const deleteLines = (from: number, to: number, lines: readonly string[]): Change =>
    to < lines.length
      ? { range: { start: at(from), end: at(to) }, text: '' }
      : { range: { start: at(from), end: at(lines.length - 1, lines[lines.length - 1].length) }, text: '' };
  const kind = Math.floor(random() * 6);
  if (kind >= 4) {
    // A whole week moved below another heading (its parse and index keys then move with it), or copied there.
    let week: string[] = [];
    return [
      (lines) => {
        const headings = landmarks(lines).headings;
        if (headings.length < 2) return undefined;
        const i = Math.floor(random() * headings.length);
        const end = headings[i + 1] ?? lines.length;
        week = lines.slice(headings[i], end);
        return kind === 4 ? deleteLines(headings[i], end, lines) : undefined;
      },
      (lines) => {
        const heading = pick(landmarks(lines).headings);
        return heading === undefined || week.length === 0 ? undefined : { range: { start: at(heading), end: at(heading) }, text: week.join('\n') + '\n' };
      },
    ];
  }
  if (kind === 0) {
    let moved = '';
    return [
      (lines) => {
        const row = pick(landmarks(lines).rows);
        if (row === undefined) return undefined;
        moved = lines[row];
        return deleteLines(row, row + 1, lines);
      },
      (lines) => {
        const row = pick(landmarks(lines).rows);
        return row === undefined || moved === '' ? undefined : { range: { start: at(row), end: at(row) }, text: moved + '\n' };
      },
    ];
  }
  if (kind === 1) {
    return [
      (lines) => {
        const heading = pick(landmarks(lines).headings);
        return heading === undefined ? undefined : { range: { start: at(heading), end: at(heading) }, text: WEEK_TO_ADD + '\n' };
      },
    ];
  }
  return [
    (lines) => {
      const headings = landmarks(lines).headings;
      const i = Math.floor(random() * headings.length);
      if (headings.length === 0) return undefined;
      // Remove the whole week, or only its heading (its rows join the week above).
      const end = kind === 2 ? (headings[i + 1] ?? lines.length) : headings[i] + 1;
      return deleteLines(headings[i], end, lines);
    },
  ];
}

function run(name: string, initial: string, edits: number, seed: number, compareEvery: number): void {
  const documents = new DocumentStore();
  const service = new PaperListService(diskHost);
  const uri = `untitled:${name}`;
  const document = documents.open(uri, 'markdown', 1, initial);
  let text = initial;
  const random = rng(seed);
  for (let i = 0; i < edits; i++) {
    const lines = text.split('\n');
    const changes: Change[] = [];
    const choice = random();
    const steps: ((lines: readonly string[]) => Change | undefined)[] =
      choice < 0.25
        ? structuralEdit(random)
        : Array.from(
            { length: random() < 0.2 ? 2 : 1 },
            () => (current: readonly string[]) => (random() < 0.6 ? randomEdit(current, landmarks(current), random, i) : rawEdit(current.join('\n'), random)),
          );
    for (const step of steps) {
      const change = step(lines);
      if (!change) continue;
      const index = new LineIndex(text);
      text =
        text.slice(0, index.offsetAt(change.range.start)) +
        change.text +
        text.slice(Math.max(index.offsetAt(change.range.start), index.offsetAt(change.range.end)));
      changes.push({ range: change.range, text: change.text });
      lines.splice(0, lines.length, ...text.split('\n'));
    }
    if (changes.length === 0) continue;
    document.update(changes, document.version + 1);
    assert.equal(document.text, text, `${name}: document text after edit ${i}`);
    const state = service.stateOf(document);
    const incremental = state.analysis;
    // Asked after every edit, as the editor does, so answers reused from earlier versions are what gets compared.
    const { version: _version, ...weeks } = weeksOf(state);
    const symbols = documentSymbols(incremental.list);
    if (i % compareEvery !== compareEvery - 1 && i !== edits - 1) continue;
    assert.deepEqual(document.lines.lines(), splitLines(text), `${name}: line table after edit ${i}`);
    const fresh = analyze(text, DEFAULT_SETTINGS, { cache: new WeekCache() });
    assert.equal(snapshot(incremental), snapshot(fresh), `${name}: incremental analysis differs from a fresh one after edit ${i}`);
    const freshState = new PaperListService(diskHost).stateOf(new OpenDocument(uri, 'markdown', 1, text));
    const { version: _freshVersion, ...freshWeeks } = weeksOf(freshState);
    assert.deepEqual(weeks, freshWeeks, `${name}: paperList/weeks differs from a fresh answer after edit ${i}`);
    assert.deepEqual(symbols, documentSymbols(freshState.analysis.list), `${name}: document symbols differ from fresh ones after edit ${i}`);
  }
}

test('incremental = fresh analysis over seeded random edits of samples/papers.md', () => {
  const text = readFileSync(resolve(root, 'samples/papers.md'), 'utf8');
  for (const seed of [1, 2, 3]) run(`sample-${seed}`, text, 150, seed, 1);
});

test('incremental = fresh analysis over seeded random edits of a generated list, CRLF too', () => {
  const text = generateList({ weeks: 30, seed: 7 });
  run('generated', text, 100, 11, 2);
  run('generated-crlf', text.replace(/\n/g, '\r\n'), 60, 12, 2);
});

test('incremental = fresh analysis over seeded random edits of a list with one row pasted into every week (a key of 40 rows moved with its weeks)', () => {
  const pasted = '| 11) **A Pasted Template Row** - Its description. | [Paper](https://arxiv.org/abs/2401.00001), [Tweet](https://x.com/a/status/1) |';
  const lines = splitLines(generateList({ weeks: 40, seed: 9 }));
  const text = lines.flatMap((line) => (line.startsWith('| 10)') ? [line, pasted] : [line])).join('\n');
  assert.equal(text.split(pasted).length - 1, 40, 'the row is in every week');
  run('pasted', text, 60, 13, 1);
});

test(
  'incremental = fresh analysis over seeded random edits of the corpus list',
  { skip: corpusMissing && 'corpus absent (../shared/corpus): nothing to edit' },
  () => {
    run('corpus', readFileSync(corpusFile, 'utf8'), 60, 5, 10);
  },
);

test('an edit re-parses only the section it touches, and moving sections are not re-parsed', () => {
  const text = generateList({ weeks: 20, seed: 3 });
  const cache = new WeekCache();
  let index = new LineIndex(text);
  analyze(index, DEFAULT_SETTINGS, { cache });
  assert.equal(cache.parses, 20);
  // Insert a row into the third week: every week below moves down a line but keeps its text.
  const rows = splitLines(text).flatMap((l, i) => (l.startsWith('| 3)') ? [i] : []));
  const at = index.lineStarts[rows[2]];
  index = index.edit(at, at, '| 3) **Inserted** - row | [Paper](https://arxiv.org/abs/2101.00002) |\n');
  const after = analyze(index, DEFAULT_SETTINGS, { cache });
  assert.equal(cache.parses, 21);
  assert.equal(snapshot(after), snapshot(analyze(index.text, DEFAULT_SETTINGS)));
});

test('copies of one section each keep their own parse, and finding them costs each copy one look, not one per earlier copy', () => {
  const week = [
    '## Top AI Papers of the Week (June 23 - June 29) - 2026',
    '| **Paper** | **Links** |',
    '| ------------- | ------------- |',
    '| 1) **A Pasted Title** - A description. | [Paper](https://arxiv.org/abs/2506.00001), [Tweet](https://x.com/a/status/1) |',
    '| 2) **Another Title** - Its description. | [Paper](https://arxiv.org/abs/2506.00002), [Tweet](https://x.com/a/status/2) |',
  ].join('\n');
  const copies = 400;
  const text = `# List\n\n${Array.from({ length: copies }, () => week).join('\n\n')}\n`;
  const cache = new WeekCache();
  let index = new LineIndex(text);
  analyze(index, DEFAULT_SETTINGS, { cache });
  assert.equal(cache.parses, copies);
  // A line added at the top moves every copy: each is found again, in order, among its identical entries.
  index = index.edit(0, 0, 'Intro\n');
  const examinedBefore = cache.examined;
  const after = analyze(index, DEFAULT_SETTINGS, { cache });
  assert.equal(cache.parses, copies, 'no copy is parsed again');
  assert.ok(cache.examined - examinedBefore <= 2 * copies, `${cache.examined - examinedBefore} entries looked at for ${copies} copies`);
  assert.equal(snapshot(after), snapshot(analyze(index.text, DEFAULT_SETTINGS)));
});

// A multi-file list edited anywhere: the service's list analysis (per-file caches, the list model updated in place)
// must equal a fresh analysis of the same files with the same layout, after each edit and after the index's edits are
// followed by finding the list again (as the server does).

const listRoot = 'file:///list/';

/** A Host over files in memory. */
function memoryHost(files: ReadonlyMap<string, OpenDocument>): Host {
  return {
    schemes: ['file'],
    stat: async (uri) => (files.has(uri) ? { isDirectory: false, size: files.get(uri)!.text.length } : undefined),
    existsNow: (uri) => files.has(uri),
    readFile: async (uri) => files.get(uri)?.text,
    readDirectory: async () => [],
  };
}

/** Everything the list rules and features read of a list model, comparable. */
function listSnapshot(analysis: ListAnalysis): string {
  const refs = (groups: Iterable<readonly ListRowRef[]>) => [...groups].map((g) => g.map((r) => `${r.file.uri}:${r.row.line}`).join(' ')).sort();
  const { model } = analysis;
  return JSON.stringify({
    problems: [...analysis.problems].sort(byKey),
    files: model.files.map((f) => ({ uri: f.uri, role: f.role, year: f.year, model: snapshot({ text: '', list: f.list, problems: [] }) })),
    weeks: model.weeks.map((w) => `${w.file.uri}:${w.week.headingLine}`),
    entries: model.entries.map((e) => ({ line: e.entry.line, target: e.target, file: e.file?.uri, week: e.week?.headingLine })),
    titles: refs(model.repeatedTitleRefs()),
    papers: refs(model.repeatedPaperRefs()),
  });
}

/** A fresh analysis of the files' current texts with the layout the service holds. */
function freshListAnalysis(layout: ListLayout, files: ReadonlyMap<string, OpenDocument>): ListAnalysis {
  const sources = new Map<string, FileSource>();
  for (const member of layout.members) {
    const document = files.get(member.uri);
    if (!document) continue;
    sources.set(member.uri, {
      uri: member.uri,
      source: document.text,
      cache: new WeekCache(),
      fileExists: (relativePath) => {
        const uri = resolveRelative(member.uri, relativePath);
        return uri !== undefined && files.has(uri);
      },
    });
  }
  return analyzeMembers(layout, sources, DEFAULT_SETTINGS);
}

/** Edits of the index: an entry removed, an entry copied elsewhere, a new entry for a week of a year file. */
function indexEdit(lines: readonly string[], files: ReadonlyMap<string, OpenDocument>, indexUri: string, random: () => number): Change | undefined {
  const entries = landmarks(lines).toc;
  const at = (line: number, character = 0) => ({ line, character });
  const kind = Math.floor(random() * 3);
  if (entries.length === 0) return undefined;
  const entry = entries[Math.floor(random() * entries.length)];
  if (kind === 0) return { range: { start: at(entry), end: at(entry + 1) }, text: '' };
  if (kind === 1)
    return {
      range: { start: at(entries[Math.floor(random() * entries.length)]), end: at(entries[Math.floor(random() * entries.length)]) },
      text: lines[entry] + '\n',
    };
  const years = [...files.keys()].filter((uri) => uri !== indexUri);
  const year = years[Math.floor(random() * years.length)];
  const headings = landmarks(files.get(year)!.text.split('\n')).headings;
  if (headings.length === 0) return undefined;
  const heading = files
    .get(year)!
    .lines.line(headings[Math.floor(random() * headings.length)])
    .replace(/^#+\s*/, '');
  return { range: { start: at(entry), end: at(entry) }, text: `- [${heading}](${year.slice(listRoot.length)}#${githubSlug(heading)})\n` };
}

async function runList(name: string, texts: ReadonlyMap<string, string>, edits: number, seed: number, compareEvery: number): Promise<void> {
  const files = new Map([...texts].map(([path, text]) => [listRoot + path, new OpenDocument(listRoot + path, 'markdown', 1, text)]));
  const indexUri = listRoot + 'README.md';
  const service = new PaperListService(memoryHost(files));
  service.workspaceFolders = [listRoot];
  service.openDocument = (uri) => files.get(uri);
  await service.discover(indexUri);
  const random = rng(seed);
  const uris = [...files.keys()];
  for (let i = 0; i < edits; i++) {
    const uri = uris[Math.floor(random() * uris.length)];
    const document = files.get(uri)!;
    const current = () => document.text.split('\n');
    const choice = random();
    const changes: Change[] = [];
    const apply = (change: Change | undefined, target = document) => {
      if (!change) return;
      target.update([change], target.version + 1);
      if (target === document) changes.push(change);
    };
    if (uri === indexUri && choice < 0.5) apply(indexEdit(current(), files, indexUri, random));
    else if (choice < 0.15) {
      // A row cut from this file and pasted into another week of another file.
      const rows = landmarks(current()).rows;
      const other = files.get(uris[Math.floor(random() * uris.length)])!;
      const otherRows = landmarks(other.text.split('\n')).rows;
      if (rows.length > 0 && otherRows.length > 0 && other !== document) {
        const row = rows[Math.floor(random() * rows.length)];
        const moved = document.lines.line(row);
        apply({ range: { start: { line: row, character: 0 }, end: { line: row + 1, character: 0 } }, text: '' });
        const into = otherRows[Math.floor(random() * otherRows.length)];
        apply({ range: { start: { line: into, character: 0 }, end: { line: into, character: 0 } }, text: moved + '\n' }, other);
      }
    } else if (choice < 0.4) for (const step of structuralEdit(random)) apply(step(current()));
    else apply(random() < 0.6 ? randomEdit(current(), landmarks(current()), random, i) : rawEdit(document.text, random));
    const state = service.listStateOf(indexUri);
    assert.ok(state, `${name}: the list is held after edit ${i}`);
    if (i % compareEvery === compareEvery - 1 || i === edits - 1)
      assert.equal(
        listSnapshot(state.analysis),
        listSnapshot(freshListAnalysis(state.layout, files)),
        `${name}: list analysis differs from a fresh one after edit ${i} in ${uri}`,
      );
    if (uri === indexUri) {
      // The server finds the list again after an edit of the index; the per-file caches carry over.
      await service.discover(indexUri);
      const found = service.listStateOf(indexUri);
      if (found)
        assert.equal(listSnapshot(found.analysis), listSnapshot(freshListAnalysis(found.layout, files)), `${name}: after finding the list again, edit ${i}`);
      else return;
    }
  }
}

const readList = (folder: string, paths: readonly string[]) => new Map(paths.map((p) => [p, readFileSync(resolve(folder, p), 'utf8')]));

test('incremental = fresh analysis over seeded random edits in any file of a multi-file list (rows moved across weeks and files, weeks added and removed, index entries changed)', async () => {
  const texts = readList(resolve(root, 'test/fixtures/multi'), ['README.md', 'years/2025.md', 'years/2026.md']);
  for (const seed of [1, 2, 3, 4]) await runList(`multi-fixture-${seed}`, texts, 120, seed, 1);
});

const multiCorpus = resolve(root, '../shared/corpus/aipotw-2026-06');

test(
  "incremental = fresh analysis over seeded random edits in any file of today's multi-file list",
  { skip: !existsSync(multiCorpus) && `corpus absent (${multiCorpus}): nothing to edit` },
  async () => {
    const texts = readList(multiCorpus, ['README.md', 'years/2023.md', 'years/2024.md', 'years/2025.md', 'years/2026.md']);
    await runList('multi-corpus', texts, 60, 6, 6);
  },
);

test("an edit on any single line, sections' first and last lines included, gives what a fresh analysis gives", () => {
  // Weeks packed without blank lines: each section's last line is a row right above the next heading.
  const text = [
    '# Invented list',
    '- [Top Papers of the Week (June 9 - June 15)](#top-papers-of-the-week-june-9---june-15)',
    '## Top Papers of the Week (June 9 - June 15)',
    '| **Paper** | **Links** |',
    '| --- | --- |',
    '| 1) **Alpha** - a | [Paper](https://arxiv.org/abs/2506.00001) |',
    '| 2) **Beta** - b | [Paper](https://arxiv.org/abs/2506.00002) |',
    '## Top Papers of the Week (June 2 - June 8)',
    '| **Paper** | **Links** |',
    '| --- | --- |',
    '| 1) **Gamma** - c | [Paper](https://arxiv.org/abs/2506.00003) |',
    '## Top Papers of the Week (May 26 - June 1)',
    '| 1) **Delta** - d | [Paper](https://arxiv.org/abs/2506.00004) |',
  ].join('\n');
  const lines = text.split('\n');
  for (let at = 0; at < lines.length; at++) {
    // A change that keeps the line's part in the structure (so the section index is the same object) and one that
    // changes what the line says to the rules: a title or a number.
    for (const edited of [lines[at] + ' x', lines[at].replace(/\d\)/, '7)').replace('**', '**Changed ')]) {
      const cache = new WeekCache();
      analyze(text, DEFAULT_SETTINGS, { cache });
      const after = [...lines.slice(0, at), edited, ...lines.slice(at + 1)].join('\n');
      assert.equal(snapshot(analyze(after, DEFAULT_SETTINGS, { cache })), snapshot(analyze(after, DEFAULT_SETTINGS)), `line ${at}: ${edited}`);
    }
  }
});

test("an edit in one file of a multi-file list leaves the other files' problems and diagnostics the same arrays, and the edited file's new", async () => {
  const texts = readList(resolve(root, 'test/fixtures/multi'), ['README.md', 'years/2025.md', 'years/2026.md']);
  const files = new Map([...texts].map(([path, text]) => [listRoot + path, new OpenDocument(listRoot + path, 'markdown', 1, text)]));
  const indexUri = listRoot + 'README.md';
  const edited = listRoot + 'years/2025.md';
  const service = new PaperListService(memoryHost(files));
  service.workspaceFolders = [listRoot];
  service.openDocument = (uri) => files.get(uri);
  await service.discover(indexUri);
  const published = () => new Map([...files.values()].map((document) => [document.uri, diagnosticsOf(service.stateOf(document))]));
  const before = published();
  assert.ok(before.get(edited)!.length > 0 && before.get(listRoot + 'years/2026.md')!.length > 0, 'both year files of the fixture have problems');
  // A letter typed into the title of a row no other file repeats: every key of the other files stays as it was.
  const document = files.get(edited)!;
  const row = document.text.split('\n').findIndex((line) => line.includes('**Harbor Agents**'));
  document.update([{ range: { start: { line: row, character: 8 }, end: { line: row, character: 8 } }, text: 'x' }], 2);
  const after = published();
  for (const [uri, diagnostics] of after) {
    if (uri === edited) assert.notEqual(diagnostics, before.get(uri), 'the edited file gets a new array');
    else assert.equal(diagnostics, before.get(uri), `${uri} keeps its array`);
  }
  assert.equal(JSON.stringify([...after]), JSON.stringify([...published()]), 'asked again, the same');
});
