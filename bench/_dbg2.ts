import { readFileSync } from 'node:fs';
import { analyze, headingInputs, movedHeadings } from '../server/src/analysis';
import { WeekCache } from '../server/src/model/cache';
import { RULES } from '../server/src/rules/index';
import { DEFAULT_SETTINGS } from '../server/src/settings';
import { applyToLines, landmarks, randomEdit } from './edits';
import { rng } from './generate';
const path = process.argv[2];
const text = readFileSync(path, 'utf8');
const toc = RULES.find((r) => r.name === 'toc') as any;
const orig = toc.check; let calls = 0; toc.check = (c: any, r: any) => { calls++; orig.call(toc, c, r); };
const cache = new WeekCache();
let a = analyze(text, DEFAULT_SETTINGS, { cache });
const lines = text.split('\n'); const random = rng(4);
const byKind: Record<string, [number, number]> = {};
for (let i = 0; i < 200; i++) {
  const e = randomEdit(lines, landmarks(lines), random, i); applyToLines(lines, e);
  const before = calls; const prevInputs = headingInputs(a.list);
  a = analyze(lines.join('\n'), DEFAULT_SETTINGS, { cache });
  const k = byKind[e.kind] ?? (byKind[e.kind] = [0, 0]); k[0]++; if (calls > before) k[1]++;
  if (calls > before && (e.kind === 'insert-row' || e.kind === 'delete-row') && k[1] < 3) {
    const now = headingInputs(a.list)!; const m = prevInputs && movedHeadings(prevInputs, now);
    console.log(e.kind, 'rerun; movedHeadings', m ? 'ok' : 'undefined', prevInputs ? '' : 'no prev inputs');
    if (m) for (const p of cache.headingRules!.problems) { const pr = p.problem; const ls = [pr.range.start.line, ...(pr.fix?.edits ?? []).map(x => x.range.start.line), ...(pr.related ?? []).map(r => r.range.start.line)]; const bad = ls.filter(l => m(l) === undefined); if (bad.length) console.log('  unmapped', RULES[p.ruleIndex].name, bad, pr.message.slice(0, 80)); }
  }
}
console.log(byKind);
