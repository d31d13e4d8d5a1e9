// Which problems a change introduced: those that exist now and did not exist in the base version. A problem is
// known by its rule, its message and the text it points at, never by its line, so rows added above an old problem
// do not make it new. Counted as a multiset: two identical old problems and a third copy make one new problem.
import type { Finding } from '../analysis';
import { LineIndex } from '../model/text';

export interface FileProblems {
  readonly file: string;
  readonly text: string;
  readonly problems: readonly Finding[];
}

export interface LocatedProblem {
  readonly file: string;
  readonly problem: Finding;
}

/** Line numbers inside messages ("repeats the entry on line 12") move with the rows above; they are not identity. */
const LINE_REFERENCE = /\bline \d+/g;

export function problemKey(problem: Finding, lines: LineIndex): string {
  const start = lines.offsetAt(problem.range.start);
  const end = lines.offsetAt(problem.range.end);
  // An empty range (an insertion point) is known by its whole line.
  const pointedAt = end > start ? lines.text.slice(start, end) : lines.line(problem.range.start.line);
  return `${problem.rule}\u0000${problem.message.replace(LINE_REFERENCE, 'line #')}\u0000${pointedAt}`;
}

/** Every problem of `current` that `base` does not have (files matched by path), in the order of `current`. */
export function newProblems(current: readonly FileProblems[], base: readonly FileProblems[]): LocatedProblem[] {
  const remaining = new Map<string, number>();
  for (const report of base) {
    const lines = new LineIndex(report.text);
    for (const problem of report.problems) {
      const key = `${report.file}\u0000${problemKey(problem, lines)}`;
      remaining.set(key, (remaining.get(key) ?? 0) + 1);
    }
  }
  const found: LocatedProblem[] = [];
  for (const report of current) {
    const lines = new LineIndex(report.text);
    for (const problem of report.problems) {
      const key = `${report.file}\u0000${problemKey(problem, lines)}`;
      const left = remaining.get(key) ?? 0;
      if (left > 0) remaining.set(key, left - 1);
      else found.push({ file: report.file, problem });
    }
  }
  return found;
}

export function allProblems(reports: readonly FileProblems[]): LocatedProblem[] {
  return reports.flatMap((r) => r.problems.map((problem) => ({ file: r.file, problem })));
}
