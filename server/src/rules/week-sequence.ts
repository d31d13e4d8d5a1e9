import { weekLabel, type Week } from '../model/model';
import { formatDay, fromDayNumber, monthName } from '../model/dates';
import { datesRange } from './weekDates';
import { type Fix, type Problem, type Rule } from './rule';
import { lineRange } from '../model/ranges';

/** The problem between two weeks listed one above the other, or undefined when the newer one starts the day after the older ends. */
function checkPair(newer: Week, older: Week, olderUri?: string, olderFile?: string): Omit<Problem, 'rule'> | undefined {
  if (!newer.span || !older.span || !newer.dates) return undefined;
  const expectedStart = older.span.end + 1;
  if (newer.span.start === expectedStart) return undefined;
  const olderText = olderFile ? `${weekLabel(older)} (${olderFile})` : weekLabel(older);
  const related = [{ range: datesRange(older), message: `Older week ${olderText}`, ...(olderUri ? { uri: olderUri } : {}) }];
  let message: string;
  if (newer.span.end < older.span.start) message = `Week ${weekLabel(newer)} comes before ${olderText} in time but is listed above it; weeks are newest first`;
  else if (newer.span.start <= older.span.end)
    message = `Week ${weekLabel(newer)} overlaps the week before (${olderText}); expected it to start ${formatDay(expectedStart, newer.dates.style.fullMonths)}`;
  else
    message = `Week ${weekLabel(newer)} leaves a gap of ${newer.span.start - expectedStart} day${newer.span.start - expectedStart === 1 ? '' : 's'} after ${olderText}; expected it to start ${formatDay(expectedStart, newer.dates.style.fullMonths)}`;
  const fixable = newer.span.end - expectedStart + 1 === 7 && newer.span.end >= older.span.start;
  const d = fromDayNumber(expectedStart);
  const newStart = `${monthName(d.month, newer.dates.style.fullMonths)} ${d.day}`;
  const fix: Fix | undefined = fixable
    ? {
        title: `Start the week on ${newStart}`,
        edits: [{ range: lineRange(newer.headingLine, newer.dates.startDateColumn, newer.dates.startDateEndColumn), newText: newStart }],
      }
    : undefined;
  return { range: datesRange(newer), message, related, fix };
}

export const weekSequence: Rule = {
  name: 'week-sequence',
  description: 'Consecutive weeks (newest first) follow each other without overlap, gap or reordering, across the files of a multi-file list.',
  defaultSeverity: 'warning',
  fix: "Sets the newer week's start date to the day after the older week's end, when that makes a 7-day week (and updates the week's index entry).",
  check({ list }, report) {
    const weeks = list.weeks;
    for (let i = 0; i + 1 < weeks.length; i++) {
      const problem = checkPair(weeks[i], weeks[i + 1]);
      if (problem) report(problem);
    }
  },
  checkList({ list }, report) {
    const weeks = list.weeks;
    for (let i = 0; i + 1 < weeks.length; i++) {
      const newer = weeks[i];
      const older = weeks[i + 1];
      const otherFile = older.file !== newer.file;
      const problem = checkPair(newer.week, older.week, otherFile ? older.file.uri : undefined, otherFile ? list.nameOf(older.file.uri) : undefined);
      if (problem) report({ ...problem, uri: newer.file.uri });
    }
  },
};
