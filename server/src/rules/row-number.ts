import type { PaperList, Week } from '../model/model';
import { weekLabel } from '../model/model';
import { renderMarker, startsWithUnreadMarker, weekMarkerStyle } from '../model/numbering';
import { replaceSpan, type Fix, type Report, type Rule } from './rule';
import { toRange, lineRange } from '../model/ranges';

/**
 * The edits that number a week's rows 1..N in the week's marker style (the list's, or the week's own when it changed
 * style): one edit per number token, nothing else. Undefined when a row cannot be numbered safely.
 */
export function renumberWeek(list: Pick<PaperList, 'markerStyle'>, week: Week): Fix | undefined {
  const style = weekMarkerStyle(week.rows, list.markerStyle);
  const edits = [];
  for (let i = 0; i < week.rows.length; i++) {
    const row = week.rows[i];
    const wanted = renderMarker(style, i + 1);
    const cell = row.cells[0]?.text ?? '';
    // A row with neither number nor title (`\|| …`, a stray fragment), or with a marker we do not read (`#3`, `[3]`):
    // the week is left for the curator rather than guessed at, and never given a second marker.
    if (!row.number && (!/[\p{L}\p{N}]/u.test(cell) || startsWithUnreadMarker(cell))) return undefined;
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
  description:
    "Rows in a week are numbered 1..N in order, in the list's own marker style: `1)`, `(1)`, `1.`, `**1)**` or `1 -`, whichever most rows use (or most rows of the week, in a list that changed style).",
  defaultSeverity: 'warning',
  fix: "Renumbers the whole week 1..N in the list's (or week's) marker style, one edit per number token; never adds a marker to a row that has one the parser does not read.",
  checkWeek({ week, markerStyle }, report) {
    checkRowNumbers({ markerStyle }, week, report);
  },
};

function checkRowNumbers(list: Pick<PaperList, 'markerStyle'>, week: Week, report: Report): void {
  const label = weekLabel(week);
  const style = weekMarkerStyle(week.rows, list.markerStyle);
  let fix: Fix | undefined | null = null; // computed once per week, on the first problem
  const getFix = () => (fix === null ? (fix = renumberWeek(list, week)) : fix);
  let previous: number | undefined;
  week.rows.forEach((row, i) => {
    const expected = i + 1;
    const number = row.number;
    if (!number) {
      report({
        range: lineRange(row.line, row.cells[0]?.span.start ?? row.contentStart, row.cells[0]?.span.end ?? row.contentEnd),
        message: `Row has no number; expected ${renderMarker(style, expected)} in week ${label}`,
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
    if (number.style !== style) {
      report({ range: toRange(number.span), message: `Row number "${number.text}" should be written "${renderMarker(style, value)}"`, fix: getFix() });
    }
    previous = value;
  });
}
