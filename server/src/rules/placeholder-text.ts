import { weekLabel } from '../model/model';
import { placeholderTextReason } from '../model/placeholders';
import { type Rule } from './rule';
import { lineRange, toRange } from '../model/ranges';

/** `****` or `** **` where the title goes: bold with nothing inside. */
const EMPTY_BOLD = /(?:^|\s|[).:])(?:\*\*\s*\*\*|__\s*__)(?=\s|$|[-–—])/;

export const placeholderText: Rule = {
  name: 'placeholder-text',
  description:
    'Row titles and descriptions are written: not `XXX`, `xxxx`, `TODO`, `TBD`, `...`, `Title` or an empty bold `****` (plus the `paperList.placeholderPatterns` texts).',
  defaultSeverity: 'warning',
  checkWeek({ week, settings, line }, report) {
    for (let r = 0; r < week.rows.length; r++) {
      const row = week.rows[r];
      const where = `Row ${row.number?.value ?? '?'} of week ${weekLabel(week)}`;
      const cell = row.cells[0];
      const titleReason = placeholderTextReason(row.title, settings.placeholderPatterns);
      if (titleReason) report({ range: toRange(row.titleSpan), message: `${where}: the title ${titleReason}; expected the paper's title` });
      else if (row.title === '' && cell && EMPTY_BOLD.test(cell.text))
        report({ range: toRange(cell.span), message: `${where}: the title is an empty bold "****"; expected the paper's title` });
      const descriptionReason = placeholderTextReason(row.description.replace(/<br\s*\/?>.*$/i, ''), settings.placeholderPatterns);
      const at = descriptionReason && cell ? line(row.line)!.indexOf(row.description, row.titleSpan.end) : -1;
      if (descriptionReason && at !== -1)
        report({
          range: lineRange(row.line, at, at + row.description.length),
          message: `${where}: the description ${descriptionReason}; expected a summary`,
        });
    }
  },
};
