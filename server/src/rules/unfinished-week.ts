import { isTemplateRow, weekLabel } from '../model/model';
import { toRange } from '../model/ranges';
import { type Rule } from './rule';

export const unfinishedWeek: Rule = {
  name: 'unfinished-week',
  description:
    'A week with rows New Week left to fill in (a number and empty `[Paper]()`, `[Tweet]()` links) is reported once, at its heading, as in progress; the link rules skip those rows.',
  defaultSeverity: 'info',
  checkWeek({ week }, report) {
    const open = week.rows.filter(isTemplateRow).length;
    if (open === 0) return;
    report({
      range: toRange(week.headingSpan),
      message: `Week ${weekLabel(week)} is in progress: ${open} of ${week.rows.length} rows still to fill in`,
    });
  },
};
