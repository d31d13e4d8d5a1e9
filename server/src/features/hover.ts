import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-protocol';
import { normalizeTitle, paperLink, rowOfLine, weekLabel, weekOfLine, type PaperList, type RowRef } from '../model/model';
import { arxivId, paperKey } from '../model/urls';
import { formatDay } from '../model/dates';
import { rowRange, toRange } from '../model/ranges';

function where(ref: RowRef): string {
  return `row ${ref.row.number?.value ?? '?'} of week ${weekLabel(ref.week)} (line ${ref.row.line + 1})`;
}

export function hover(list: PaperList, position: Position, paperLabel: string): Hover | undefined {
  const week = weekOfLine(list, position.line);
  if (!week) return undefined;
  if (position.line === week.headingLine) {
    const lines = [`**Week ${weekLabel(week)}**${week.year !== undefined ? ` · ${week.year}` : ''}`];
    if (week.span && week.dates)
      lines.push(`${formatDay(week.span.start, true)} – ${formatDay(week.span.end, true)} (${week.span.end - week.span.start + 1} days)`);
    else if (week.dateError) lines.push(`Dates: heading ${week.dateError}`);
    lines.push(`${week.rows.length} paper${week.rows.length === 1 ? '' : 's'}`);
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: toRange(week.headingSpan) };
  }
  const row = rowOfLine(week, position.line);
  if (!row) return undefined;
  const lines = [`**Row ${row.number?.value ?? '(unnumbered)'}** of week ${weekLabel(week)}${week.year !== undefined ? ` · ${week.year}` : ''}`];
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
