import { readFileSync } from 'node:fs';
import { analyze } from '../server/src/analysis';
import { WeekCache } from '../server/src/model/cache';
import { DEFAULT_SETTINGS } from '../server/src/settings';
import { LineIndex } from '../server/src/model/text';
const text = readFileSync(process.argv[2], 'utf8');
const cache = new WeekCache();
const lines = new LineIndex(text);
analyze(lines, DEFAULT_SETTINGS, { cache, fileExists: () => true });
const s: number[] = [];
for (let i = 0; i < Number(process.argv[3] ?? 200); i++) { const t = performance.now(); analyze(lines, DEFAULT_SETTINGS, { cache, fileExists: () => true }); s.push(performance.now() - t); }
s.sort((a, b) => a - b);
console.log('warm p50', s[s.length >> 1].toFixed(2), 'p95', s[Math.ceil(s.length * 0.95) - 1].toFixed(2));
