import { weekLabel } from '../model/model';
import { insertAt, type Rule } from './rule';
import { lineRange, toRange } from '../model/ranges';

export const tableRow: Rule = {
  name: 'table-row',
  description: 'Rows have leading and trailing pipes, as many cells as the header, and a non-empty links cell.',
  defaultSeverity: 'warning',
  fix: 'Adds the missing leading or trailing pipe.',
  checkWeek({ week, line }, report) {
    for (let r = 0; r < week.rows.length; r++) {
      const row = week.rows[r];
      const whole = lineRange(row.line, row.contentStart, row.contentEnd);
      const where = `Row ${row.number?.value ?? '?'} of week ${weekLabel(week)}`;
      if (!row.hasLeadingPipe) {
        // A row pasted without its pipe ends the table for markdown-it; with the pipe, a non-blank line right after
        // it (and the rows that follow it) joins the table as a row (GFM), and the next fix-all pass would number the
        // curator's prose. No fix then.
        const rowLines = new Set(week.rows.map((r) => r.line));
        let after = row.line + 1;
        while (rowLines.has(after)) after++;
        const absorbs = (line(after)?.trim() ?? '') !== '';
        report({
          range: lineRange(row.line, row.contentStart, row.contentStart + 1),
          message: `${where} has no leading "|"`,
          fix: absorbs ? undefined : { title: 'Add the leading pipe', edits: [insertAt(row.line, row.contentStart, '| ')] },
        });
      }
      if (!row.hasTrailingPipe) {
        report({
          range: lineRange(row.line, Math.max(row.contentStart, row.contentEnd - 1), row.contentEnd),
          message: `${where} has no trailing "|"`,
          fix: { title: 'Add the trailing pipe', edits: [insertAt(row.line, row.contentEnd, ' |')] },
        });
      }
      const cells = row.cells.length;
      if (cells > row.headerCells) {
        const extra = row.cells.slice(row.headerCells - 1);
        const splitLinks = row.headerCells >= 2 && extra.every((c) => c.text === '' || /\]\(/.test(c.text));
        report({
          range: whole,
          message: splitLinks
            ? `${where}: a stray "|" splits the links cell into ${extra.length} cells; expected ${row.headerCells} cells like the header`
            : `${where} has ${cells} cells; the header has ${row.headerCells}`,
        });
      } else if (cells < row.headerCells) {
        report({
          range: whole,
          message: `${where} has ${cells} cell${cells === 1 ? '' : 's'}; the header has ${row.headerCells}${row.headerCells === 2 ? ' (description | links)' : ''}`,
        });
      } else if (row.headerCells >= 2 && row.cells[cells - 1].text === '') {
        report({ range: toRange(row.cells[cells - 1].span), message: `${where} has an empty links cell` });
      }
    }
  },
};
