// The bench's floor (bench/lowerBoundTable.ts) replays the real server's publishes from a table of operations: what it
// records must rebuild each publish exactly, keep unchanged diagnostics as the same objects and shift moved ones, or
// the floor would time other work than the server's publishes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOps, BoundRecorder, publishDigest, sectionOf, type Diagnostic } from '../../bench/lowerBoundTable';
import { applyToLines, type Edit } from '../../bench/edits';

const diagnostic = (line: number, message: string): Diagnostic & { message: string } => ({
  range: { start: { line, character: 2 }, end: { line, character: 9 } },
  message,
});

const published = (diagnostics: readonly unknown[]) => ({ uri: 'file:///list.md', diagnostics, at: 0 });

test('recorded publishes rebuild exactly: unchanged ones kept, moved ones shifted, the rest new', () => {
  const lines = [
    '# List',
    '',
    '## Week (Jun 23 - Jun 29)',
    '| # | Paper |',
    '|---|---|',
    '| 1) **A** | x |',
    '| 2) **B** | x |',
    '## Week (Jun 16 - Jun 22)',
    '| 1) **C** | x |',
  ];
  const opened = [diagnostic(5, 'a'), diagnostic(6, 'b'), diagnostic(8, 'c')];
  const recorder = new BoundRecorder('file:///list.md', opened);

  // A row inserted after line 5: the diagnostics below move down one line, one is new.
  const insert: Edit = { kind: 'insert-row', range: { start: { line: 5, character: 15 }, end: { line: 5, character: 15 } }, text: '\n| 2) **N** | x |' };
  applyToLines(lines, insert);
  const afterInsert = [diagnostic(5, 'a'), diagnostic(6, 'new row'), diagnostic(7, 'b'), diagnostic(9, 'c')];
  recorder.record(insert, lines, published(afterInsert));
  // Typing that changes no diagnostic: nothing published.
  const typing: Edit = { kind: 'type-title', range: { start: { line: 5, character: 8 }, end: { line: 5, character: 8 } }, text: 'e' };
  applyToLines(lines, typing);
  recorder.record(typing, lines, undefined);
  // The row deleted again: back up one line, and one message changed.
  const remove: Edit = { kind: 'delete-row', range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, text: '' };
  applyToLines(lines, remove);
  const afterRemove = [diagnostic(5, 'a'), diagnostic(6, 'b'), diagnostic(8, 'c changed')];
  recorder.record(remove, lines, published(afterRemove));

  const table = recorder.table();
  assert.deepEqual(table.versions[0].ops, [[0, 0], JSON.stringify(afterInsert[1]), [1, 1], [2, 1]]);
  assert.equal(table.versions[1].ops, undefined);
  assert.deepEqual(table.versions[2].ops, [[0, 0], [2, -1], JSON.stringify(afterRemove[2])]);
  assert.deepEqual(recorder.digests, [publishDigest(afterInsert), undefined, publishDigest(afterRemove)]);

  const first = applyOps([], table.opened);
  assert.equal(JSON.stringify(first), JSON.stringify(opened));
  const second = applyOps(first, table.versions[0].ops!);
  assert.equal(JSON.stringify(second), JSON.stringify(afterInsert), 'range first, as the server writes it');
  assert.equal(second[0], first[0], 'an unchanged diagnostic is the same object');
  assert.ok(Object.isFrozen(second[2]) && Object.isFrozen(second), 'frozen, so the encoder may keep their bytes');
  const third = applyOps(second, table.versions[2].ops!);
  assert.equal(JSON.stringify(third), JSON.stringify(afterRemove));
});

test("an edit's section runs from the heading above it to the next heading; a TOC edit is its line", () => {
  const lines = [
    '# List',
    '- [Week](#week)',
    '## Week (Jun 23 - Jun 29)',
    '| 1) **A** | x |',
    '| 2) **N** | x |',
    '| 3) **B** | x |',
    '## Week (Jun 16 - Jun 22)',
    '| 1) **C** | x |',
  ];
  const inserted: Edit = { kind: 'insert-row', range: { start: { line: 3, character: 15 }, end: { line: 3, character: 15 } }, text: '\n| 2) **N** | x |' };
  assert.deepEqual(sectionOf(inserted, lines, 1), [2, 6]);
  const date: Edit = { kind: 'heading-date', range: { start: { line: 6, character: 14 }, end: { line: 6, character: 16 } }, text: '17' };
  assert.deepEqual(sectionOf(date, lines, 0), [6, 8]);
  const toc: Edit = { kind: 'toc-line', range: { start: { line: 1, character: 14 }, end: { line: 1, character: 14 } }, text: 'x' };
  assert.deepEqual(sectionOf(toc, lines, 0), [1, 2]);
});
