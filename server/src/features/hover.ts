import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-protocol';
import { normalizeTitle, paperLink, rowOfLine, statedYear, weekLabel, weekOfLine, type PaperList, type RowRef } from '../model/model';
import { arxivId, paperKey } from '../model/urls';
import { formatDay } from '../model/dates';
import { rowRange, toRange } from '../model/ranges';

/** "row 3 of week Jun 16 - 22 ([line 97](file:///…#L97))": the line is a link that opens the other row. */
function whereIn(ref: RowRef, uri: string): string {
  const line = ref.row.line + 1;
  return `row ${ref.row.number?.value ?? '?'} of week ${weekLabel(ref.week)} ([line ${line}](${uri}#L${line}))`;
}

/** `uri` is the document's: links to other rows of the list point into it. */
export function hover(list: PaperList, position: Position, paperLabel: string, uri: string): Hover | undefined {
  const where = (ref: RowRef) => whereIn(ref, uri);
  const week = weekOfLine(list, position.line);
  if (!week) return undefined;
  if (position.line === week.headingLine) {
    const year = statedYear(list, week);
    const lines = [`**Week ${weekLabel(week)}**${year !== undefined ? ` · ${year}` : ''}`];
    if (week.span && week.dates)
      lines.push(`${formatDay(week.span.start, true)} – ${formatDay(week.span.end, true)} (${week.span.end - week.span.start + 1} days)`);
    else if (week.dateError) lines.push(`Dates: heading ${week.dateError}`);
    lines.push(`${week.rows.length} paper${week.rows.length === 1 ? '' : 's'}`);
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: toRange(week.headingSpan) };
  }
  const row = rowOfLine(week, position.line);
  if (!row) return undefined;
  const year = statedYear(list, week);
  const lines = [`**Row ${row.number?.value ?? '(unnumbered)'}** of week ${weekLabel(week)}${year !== undefined ? ` · ${year}` : ''}`];
  const link = paperLink(row, paperLabel);
  if (link) {
    const id = arxivId(link.target);
    lines.push(id ? `Paper: arXiv [${id}](https://arxiv.org/abs/${id})` : `Paper: ${link.target}`);
    const key = paperKey(link.target);
    const same = key ? (list.papers.get(key) ?? []).filter((r) => r.row !== row) : [];
    if (same.length > 0) lines.push(`Same paper also at: ${same.map(where).join('; ')}`);
  } else {
    lines.push(`No [${paperLabel}] link`);
  }
  const sameTitle = (list.titles.get(normalizeTitle(row.title)) ?? []).filter((r) => r.row !== row);
  if (sameTitle.length > 0) lines.push(`Same title also at: ${sameTitle.map(where).join('; ')}`);
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') },
    range: rowRange(row),
  };
}
