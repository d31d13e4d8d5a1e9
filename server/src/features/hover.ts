import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-protocol';
import { normalizeTitle, paperLink, rowOfLine, statedYear, weekLabel, weekOfLine, type PaperList, type PaperRow, type RowRef, type Week } from '../model/model';
import { arxivId, paperKey } from '../model/urls';
import { formatDay } from '../model/dates';
import { rowRange, toRange } from '../model/ranges';
import type { ListModel, ListRowRef, ResolvedEntry } from '../list/listModel';

/** The list the hovered file belongs to, when it spans files. */
export interface HoverInList {
  readonly model: ListModel;
  readonly uri: string;
}

/** `uri`: the hovered document's; "line 97" in it is a link too (`…#L97` opens that line). */
function where(ref: RowRef | ListRowRef, uri: string, inList?: HoverInList): string {
  const local = `row ${ref.row.number?.value ?? '?'} of week ${weekLabel(ref.week)}`;
  if (!inList || !('file' in ref) || ref.file.uri === inList.uri) return `${local} ([line ${ref.row.line + 1}](${uri}#L${ref.row.line + 1}))`;
  // A link to the line in the other file: editors open `file:///…#L12` at that line.
  const name = inList.model.nameOf(ref.file.uri);
  return `${local} in [${name}:${ref.row.line + 1}](${ref.file.uri}#L${ref.row.line + 1})`;
}

export function hover(list: PaperList, position: Position, paperLabel: string, uri: string, inList?: HoverInList): Hover | undefined {
  if (inList && inList.uri === inList.model.indexUri) {
    const resolved = inList.model.entries.find((r) => r.entry.line === position.line);
    if (resolved) return entryHover(inList.model, resolved);
  }
  const week = weekOfLine(list, position.line);
  if (!week) return undefined;
  if (position.line === week.headingLine) {
    return { contents: { kind: MarkupKind.Markdown, value: weekLines(list, week).join('\n\n') }, range: toRange(week.headingSpan) };
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
    const same = key ? alsoAt(inList ? inList.model.paperRefs(key) : (list.papers.get(key) ?? []), row, (r) => where(r, uri, inList)) : undefined;
    if (same) lines.push(`Same paper also at: ${same}`);
  } else {
    lines.push(`No [${paperLabel}] link`);
  }
  const titleKey = normalizeTitle(row.title);
  const sameTitle = alsoAt(inList ? inList.model.titleRefs(titleKey) : (list.titles.get(titleKey) ?? []), row, (r) => where(r, uri, inList));
  if (sameTitle) lines.push(`Same title also at: ${sameTitle}`);
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') },
    range: rowRange(row),
  };
}

/** How many of a row's copies its hover links: a row pasted thousands of times listed every copy, a 700 KB hover. */
const LINKED_IN_HOVER = 20;

/** The rows of `refs` other than `row`, the first LINKED_IN_HOVER named and the rest counted; undefined when there are none. */
function alsoAt<R extends RowRef>(refs: readonly R[], row: PaperRow, name: (ref: R) => string): string | undefined {
  const named: string[] = [];
  let count = 0;
  for (const ref of refs) if (ref.row !== row && count++ < LINKED_IN_HOVER) named.push(name(ref));
  if (count === 0) return undefined;
  return count > named.length ? `${named.join('; ')}; and ${count - named.length} more` : named.join('; ');
}

function weekLines(list: PaperList, week: Week): string[] {
  const year = statedYear(list, week);
  const lines = [`**Week ${weekLabel(week)}**${year !== undefined ? ` · ${year}` : ''}`];
  if (week.span && week.dates)
    lines.push(`${formatDay(week.span.start, true)} – ${formatDay(week.span.end, true)} (${week.span.end - week.span.start + 1} days)`);
  else if (week.dateError) lines.push(`Dates: heading ${week.dateError}`);
  lines.push(`${week.rows.length} paper${week.rows.length === 1 ? '' : 's'}`);
  return lines;
}

/** An index entry: the week it resolves to (file, line, dates, papers), or why it resolves to none. */
function entryHover(model: ListModel, resolved: ResolvedEntry): Hover {
  const { entry, file, week } = resolved;
  const lines = [`**Index entry** "${entry.text}"`];
  if (file && week) {
    const name = model.nameOf(file.uri);
    lines.push(`Resolves to [${name}:${week.headingLine + 1}](${file.uri}#L${week.headingLine + 1})`, ...weekLines(file.list, week));
  } else lines.push(unresolvedReason(model, resolved));
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: toRange(entry.link.span) };
}

function unresolvedReason(model: ListModel, { target, file }: ResolvedEntry): string {
  if (!target) return 'Does not resolve: it links outside the list';
  const name = model.nameOf(target.uri);
  if (!file) {
    const absent = model.absent.get(target.uri);
    if (!absent) return `Does not resolve: ${name} is another repository's file`;
    if (absent.reason === 'missing') return `Does not resolve: ${name} does not exist`;
    if (absent.reason === 'unreadable') return `Does not resolve: ${name} cannot be read (${absent.message})`;
    return `Not checked: ${name} was skipped (${absent.message})`;
  }
  if (!target.anchor) return `Does not resolve to a week: the link to ${name} has no #anchor`;
  if (file.list.anchors.has(target.anchor.toLowerCase())) return `Does not resolve to a week: ${name}#${target.anchor} is a heading that is not a week`;
  return `Does not resolve: ${name} has no heading #${target.anchor}`;
}
