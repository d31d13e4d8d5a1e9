import { isTemplateRow, paperLink } from '../model/model';
import { type Rule } from './rule';
import { lineRange, toRange } from '../model/ranges';

export const missingLink: Rule = {
  name: 'missing-link',
  description: 'Every row has the required links (setting `paperList.requiredLinks`, default `Paper`).',
  defaultSeverity: 'info',
  checkWeek({ week, settings }, report) {
    for (let r = 0; r < week.rows.length; r++) {
      const row = week.rows[r];
      if (isTemplateRow(row)) continue;
      for (let l = 0; l < settings.requiredLinks.length; l++) {
        const label = settings.requiredLinks[l];
        if (paperLink(row, label)) continue;
        const cell = row.cells[row.cells.length - 1];
        const range = cell ? toRange(cell.span) : lineRange(row.line, row.contentStart, row.contentEnd);
        report({ range, message: `Row ${row.number ? `${row.number.value} ` : ''}"${row.title}" has no [${label}] link` });
      }
    }
  },
};
