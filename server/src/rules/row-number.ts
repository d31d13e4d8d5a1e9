import type { Week } from '../model/model';
import { weekLabel } from '../model/model';
import { replaceSpan, type Fix, type Report, type Rule } from './rule';
import { toRange, lineRange } from '../model/ranges';

/** The edits that number a week's rows 1..N with the `N)` marker: one edit per number token, nothing else. */
export function renumberWeek(week: Week): Fix | undefined {
  const edits = [];
  for (let i = 0; i < week.rows.length; i++) {
    const row = week.rows[i];
    const wanted = `${i + 1})`;
    // A row with neither number nor title (`\|| …`, a stray fragment) is not a paper to number: the week is left
    // for the curator rather than guessed at.
    if (!row.number && !/[\p{L}\p{N}]/u.test(row.cells[0]?.text ?? '')) return undefined;
    if (!row.number)
      edits.push({
        range: lineRange(row.titleSpan.line, row.cells[0]?.span.start ?? row.contentStart, row.cells[0]?.span.start ?? row.contentStart),
        newText: `${wanted} `,
      });
    else if (row.number.text !== wanted) edits.push(replaceSpan(row.number.span, wanted));
  }
  return edits.length > 0 ? { title: `Renumber week ${weekLabel(week)} 1..${week.rows.length}`, edits } : undefined;
}

export const rowNumber: Rule = {
  name: 'row-number',
  description: 'Rows in a week are numbered 1..N in order, written `N)`.',
  defaultSeverity: 'warning',
  fix: 'Renumbers the whole week 1..N with `N)` markers (one edit per number token).',
  checkWeek({ week }, report) {
    checkRowNumbers(week, report);
  },
};

function checkRowNumbers(week: Week, report: Report): void {
  const label = weekLabel(week);
  let fix: Fix | undefined | null = null; // computed once per week, on the first problem
  const getFix = () => (fix === null ? (fix = renumberWeek(week)) : fix);
  let previous: number | undefined;
  week.rows.forEach((row, i) => {
    const expected = i + 1;
    const number = row.number;
    if (!number) {
      report({
        range: lineRange(row.line, row.cells[0]?.span.start ?? row.contentStart, row.cells[0]?.span.end ?? row.contentEnd),
        message: `Row has no number; expected ${expected}) in week ${label}`,
        fix: getFix(),
      });
      previous = expected;
      return;
    }
    const value = number.value;
    if (value !== expected) {
      let message: string | undefined;
      if (previous !== undefined && value === previous) message = `Row number ${value} repeats the previous row's; expected ${expected} in week ${label}`;
      else if (previous !== undefined && value < previous)
        message = `Row number ${value} is out of order after ${previous}; expected ${expected} in week ${label}`;
      else if (previous === undefined || value !== previous + 1) {
        message =
          value > expected
            ? `Row number ${value} should be ${expected}: week ${label} skips ${expected}${value > expected + 1 ? `-${value - 1}` : ''}`
            : `Row number ${value} should be ${expected} in week ${label}`;
      }
      // A row that continues its predecessor's (wrong) sequence is the same mistake: reported once, at its start.
      if (message) report({ range: toRange(number.span), message, fix: getFix() });
    }
    if (number.punctuation !== ')') {
      report({ range: toRange(number.span), message: `Row number "${number.text}" should be written "${value})"`, fix: getFix() });
    }
    previous = value;
  });
}
