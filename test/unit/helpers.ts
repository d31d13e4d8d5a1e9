// Small in-memory paper lists for the unit tests, and a compact view of what the rules report.
import { analyze, type Finding } from '../../server/src/analysis';
import { sanitizeSettings, type Settings } from '../../server/src/settings';

export const HEADER = '| **Paper**  | **Links** |\n| ------------- | ------------- |';

let serial = 0;
/** A unique, plausible paper URL (invented ids). */
export function paperUrl(): string {
  serial++;
  return `https://arxiv.org/abs/2501.${String(10000 + serial)}`;
}

/** `| N) **Title** - desc | [Paper](url), [Tweet](url) |` */
export function row(n: number | string, title: string, url = paperUrl()): string {
  const number = typeof n === 'number' ? `${n})` : n;
  return `| ${number} **${title}** - a short description of ${title}. | [Paper](${url}), [Tweet](https://x.com/curator/status/${1000 + serial}) |`;
}

/** Rows 1..count with distinct invented titles. */
export function rows(count: number, prefix = 'Paper'): string[] {
  return Array.from({ length: count }, (_, i) => row(i + 1, `${prefix} ${String.fromCharCode(65 + i)}`));
}

/** A week section; `dates` may carry the year suffix after the parentheses: `Jun 23 - Jun 29) - 2025`. */
export function week(dates: string, body: readonly string[] = rows(3, dates), level = '##'): string {
  const heading = dates.includes(')') ? `(${dates}` : `(${dates})`;
  return [`${level} Top ML Papers of the Week ${heading}`, '', HEADER, ...body, ''].join('\n');
}

export function doc(...parts: string[]): string {
  return parts.join('\n');
}

export function run(text: string, rawSettings: unknown = {}, fileExists?: (p: string) => boolean): readonly Finding[] {
  return analyze(text, sanitizeSettings(rawSettings), { fileExists }).problems;
}

/** `rule line:col` with 1-based line and column, the form the fixture files use. */
export function where(p: Finding): string {
  return `${p.rule} ${p.range.start.line + 1}:${p.range.start.character + 1}`;
}

export function rulesOf(problems: readonly Finding[], rule?: string): Finding[] {
  return problems.filter((p) => rule === undefined || p.rule === rule);
}

export function settings(raw: unknown = {}): Settings {
  return sanitizeSettings(raw);
}

/** The 0-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i].includes(needle)) return i;
  throw new Error(`no line contains ${JSON.stringify(needle)}`);
}

/** 0-based column of `needle` in its line. */
export function columnOf(text: string, needle: string): { line: number; character: number } {
  const line = lineOf(text, needle);
  return { line, character: text.split('\n')[line].indexOf(needle) };
}
