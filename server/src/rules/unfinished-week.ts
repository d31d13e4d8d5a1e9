import { isTemplateRow, weekLabel } from '../model/model';
import { toRange } from '../model/ranges';
import { type Rule } from './rule';

export const unfinishedWeek: Rule = {
  name: 'unfinished-week',
  description:
    'A week with rows New Week left to fill in (`| 3)  | [Paper](), [Tweet]() |`) is reported once, at its heading, instead of two empty links per row.',
  defaultSeverity: 'info',
  check({ list }, report) {
    for (const week of list.weeks) {
      const open = week.rows.filter(isTemplateRow).length;
      if (open === 0) continue;
      report({
        range: toRange(week.headingSpan),
        message: `Week ${weekLabel(week)} is in progress: ${open} of ${week.rows.length} rows still to fill in`,
      });
    }
  },
};
