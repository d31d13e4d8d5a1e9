import { weekLabel } from '../model/model';
import { insertAt, lineRange, toRange, type Rule } from './rule';

export const tableRow: Rule = {
  name: 'table-row',
  description: 'Rows have leading and trailing pipes, as many cells as the header, and a non-empty links cell.',
  defaultSeverity: 'warning',
  fix: 'Adds the missing leading or trailing pipe.',
  check({ list }, report) {
    for (const week of list.weeks) {
      for (const row of week.rows) {
        const whole = lineRange(row.line, row.contentStart, row.contentEnd);
        const where = `row ${row.number?.value ?? '?'} of week ${weekLabel(week)}`;
        if (!row.hasLeadingPipe) {
          report({ range: lineRange(row.line, row.contentStart, row.contentStart + 1), message: `The ${where} has no leading "|"`, fix: { title: 'Add the leading pipe', edits: [insertAt(row.line, row.contentStart, '| ')] } });
        }
        if (!row.hasTrailingPipe) {
          report({ range: lineRange(row.line, Math.max(row.contentStart, row.contentEnd - 1), row.contentEnd), message: `The ${where} has no trailing "|"`, fix: { title: 'Add the trailing pipe', edits: [insertAt(row.line, row.contentEnd, ' |')] } });
        }
        const cells = row.cells.length;
        if (cells > row.headerCells) {
          const extra = row.cells.slice(row.headerCells - 1);
          const splitLinks = row.headerCells >= 2 && extra.every((c) => c.text === '' || /\]\(/.test(c.text));
          report({
            range: whole,
            message: splitLinks
              ? `A stray "|" splits the links cell of the ${where} into ${extra.length} cells; expected ${row.headerCells} cells like the header`
              : `The ${where} has ${cells} cells; the header has ${row.headerCells}`,
          });
        } else if (cells < row.headerCells) {
          report({ range: whole, message: `The ${where} has ${cells} cell${cells === 1 ? '' : 's'}; the header has ${row.headerCells}${row.headerCells === 2 ? ' (description | links)' : ''}` });
        } else if (row.headerCells >= 2 && row.cells[cells - 1].text === '') {
          report({ range: toRange(row.cells[cells - 1].span), message: `The links cell of the ${where} is empty` });
        }
      }
    }
  },
};
