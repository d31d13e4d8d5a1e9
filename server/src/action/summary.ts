// The job summary (GITHUB_STEP_SUMMARY) as HTML for @actions/core's summary: what a person reads after the run.
import type { LocatedProblem } from './newProblems';

export interface SummaryInput {
  /** The problems the step reported: the new ones, or all of them when there is no base or only-new is off. */
  readonly reported: readonly LocatedProblem[];
  readonly all: readonly LocatedProblem[];
  /** The commit compared with, when there was one. */
  readonly baseSha?: string;
  /** Why everything is reported, when it is. */
  readonly allReason?: string;
  readonly files: readonly string[];
  /** `https://github.com/<owner>/<repo>/blob/<sha>`, or undefined outside a workflow (no links then). */
  readonly blobUrl?: string;
  /** Repository-relative path of each checked file. */
  readonly repositoryPath: (file: string) => string;
  readonly fixEnabled: boolean;
  readonly fixedFiles: readonly string[];
}

/** The summary is capped at 1 MiB by GitHub; a few hundred rows say enough, the CLI gives the rest. */
export const MAX_TABLE_ROWS = 200;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const code = (text: string) => `<code>${escapeHtml(text)}</code>`;

/** The summary's HTML, in the order it is read: verdict, counts by rule, the problems, what to do next. */
export function summaryHtml(input: SummaryInput): string {
  const { reported, all, baseSha } = input;
  const comparing = baseSha !== undefined;
  const files = input.files.map((f) => code(input.repositoryPath(f))).join(', ');
  const parts: string[] = ['<h2>Paper list check</h2>'];

  const bySeverity = (list: readonly LocatedProblem[]) => {
    const errors = list.filter((p) => p.problem.severity === 'error').length;
    const warnings = list.filter((p) => p.problem.severity === 'warning').length;
    return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${list.length - errors - warnings} other`;
  };
  parts.push(
    comparing
      ? `<p><strong>${plural(reported.length, 'new problem')}</strong> (${bySeverity(reported)}) in ${files} since ${code(baseSha.slice(0, 7))}; ${plural(all.length, 'problem')} in all.</p>`
      : `<p><strong>${plural(all.length, 'problem')}</strong> (${bySeverity(all)}) in ${files}.${input.allReason ? ` All are reported: ${escapeHtml(input.allReason)}.` : ''}</p>`,
  );
  if (input.fixedFiles.length > 0)
    parts.push(`<p>Safe fixes were applied to ${input.fixedFiles.map((f) => code(input.repositoryPath(f))).join(', ')}; the counts are of what remains.</p>`);

  if (all.length > 0) {
    const rules = [...new Set(all.map((p) => p.problem.rule))].sort();
    const count = (list: readonly LocatedProblem[], rule: string) => list.filter((p) => p.problem.rule === rule).length;
    const header = comparing ? ['Rule', 'New', 'All'] : ['Rule', 'Problems'];
    const rows = rules.map((rule) => [code(rule), ...(comparing ? [String(count(reported, rule))] : []), String(count(all, rule))]);
    parts.push(table(header, rows));
  }

  if (reported.length > 0) {
    parts.push(`<h3>${comparing ? 'New problems' : 'Problems'}</h3>`);
    const rows = reported.slice(0, MAX_TABLE_ROWS).map(({ file, problem }) => {
      const path = input.repositoryPath(file);
      const line = problem.range.start.line + 1;
      const where = `${escapeHtml(path)}:${line}`;
      const location = input.blobUrl
        ? `<a href="${escapeHtml(`${input.blobUrl}/${path.split('/').map(encodeURIComponent).join('/')}#L${line}`)}">${where}</a>`
        : where;
      return [problem.severity, location, code(problem.rule), escapeHtml(problem.message) + (problem.fix ? ' (fixable)' : '')];
    });
    parts.push(table(['Severity', 'Where', 'Rule', 'Problem'], rows));
    if (reported.length > MAX_TABLE_ROWS)
      parts.push(`<p>… and ${reported.length - MAX_TABLE_ROWS} more: <code>npx paper-list check</code> lists them all.</p>`);
  }

  parts.push(`<p>${nextStep(input)}</p>`);
  return parts.join('\n') + '\n';
}

function nextStep(input: SummaryInput): string {
  const { reported } = input;
  const fixable = reported.filter((p) => p.problem.fix).length;
  if (reported.length === 0)
    return input.fixedFiles.length > 0
      ? 'Nothing left to do here: commit the fixed files (the output <code>fixed</code> is <code>true</code>).'
      : 'Nothing to do.';
  if (fixable > 0 && !input.fixEnabled)
    return `Next: ${fixable} of these can be fixed automatically; run ${code(`npx paper-list check --fix ${input.files.map(input.repositoryPath).join(' ')}`)} and commit, or set ${code('fix: true')} on this step and open a pull request with the result.`;
  return 'Next: fix these by hand at the linked lines; the README’s Rules section explains each rule.';
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr>`;
  return `<table>${head}${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
}
