import { paperLink } from '../model/model';
import { type Rule } from './rule';
import { lineRange, toRange } from '../model/ranges';

export const missingLink: Rule = {
  name: 'missing-link',
  description: 'Every row has the required links (setting `paperList.requiredLinks`, default `Paper`).',
  defaultSeverity: 'info',
  checkWeek({ week, settings }, report) {
    for (const row of week.rows) {
      for (const label of settings.requiredLinks) {
        if (paperLink(row, label)) continue;
        const cell = row.cells[row.cells.length - 1];
        const range = cell ? toRange(cell.span) : lineRange(row.line, row.contentStart, row.contentEnd);
        report({ range, message: `Row ${row.number ? `${row.number.value} ` : ''}"${row.title}" has no [${label}] link` });
      }
    }
  },
};
