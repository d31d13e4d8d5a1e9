import { renderMarker, weekMarkerStyle, type MarkerStyle } from '../model/numbering';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver-protocol';
import { weekOfLine, weekLabel, type PaperList, type Week } from '../model/model';
import { nextWeek } from './newWeek';
import { COMMON_LINK_LABEL_COUNT, LINK_LABELS } from '../model/linkLabels';
import { tocEntryLine, tocEntryText, tocStyleOf, type TocStyle } from '../model/toc';
import type { ListModel } from '../list/listModel';
import { relativePathOf } from '../list/listFiles';

/** The multi-file list the document belongs to: the index's entries may name weeks of any of its files. */
export interface CompletionInList {
  readonly model: ListModel;
  readonly uri: string;
}

export function completions(list: PaperList, position: Position, inList?: CompletionInList): CompletionItem[] {
  const line = list.lines.line(position.line);
  const before = line.slice(0, position.character);
  const week = weekOfLine(list, position.line);
  if (week) {
    const inRows = week.tables.some((t) => position.line > t.headerLine + 1 && position.line <= t.endLine);
    if (inRows && /^\s*\|?\s*\d*$/.test(before)) return rowCompletions(week, weekMarkerStyle(week.rows, list.markerStyle), position, before);
    if (inRows && /\[[A-Za-z]*$/.test(before) && before.split('|').length >= 3) return labelCompletions(list, position, before);
  }
  const firstWeek = list.weeks[0];
  if (/^\s{0,3}#{1,6}\s*[^()]*$/.test(before) && (!firstWeek || position.line <= firstWeek.headingLine)) {
    const next = nextWeek(list);
    if (next) {
      const hashes = before.match(/^\s{0,3}#{1,6}/)![0];
      return [
        {
          label: next.heading,
          kind: CompletionItemKind.Snippet,
          detail: 'Next week heading',
          documentation: `The week after ${firstWeek ? weekLabel(firstWeek) : 'today'}`,
          textEdit: { range: { start: { line: position.line, character: 0 }, end: position }, newText: `${hashes} ${next.heading}` },
          filterText: before,
        },
      ];
    }
  }
  if (/^\s*[-*+]\s*\[?[^\]]*$/.test(before) && isTocArea(list, position.line))
    return inList && inList.uri === inList.model.indexUri ? indexCompletions(inList.model, position, before) : tocCompletions(list, position, before);
  return [];
}

function rowCompletions(week: Week, style: MarkerStyle, position: Position, before: string): CompletionItem[] {
  const number = week.rows.filter((r) => r.line < position.line).length + 1;
  const marker = renderMarker(style, number);
  // Replace what was typed after the pipe (digits, if any); add the pipe when the line has none yet.
  const typedFrom = before.match(/^\s*\|?\s*/)![0].length;
  const range = { start: { line: position.line, character: typedFrom }, end: position };
  const pipe = before.includes('|') ? '' : '| ';
  return [
    {
      label: marker,
      kind: CompletionItemKind.Value,
      detail: `Next row number in week ${weekLabel(week)}`,
      sortText: '0',
      textEdit: { range, newText: `${pipe}${marker} ` },
      filterText: `${number}`,
    },
    {
      label: `${marker} row template`,
      kind: CompletionItemKind.Snippet,
      detail: 'Row with [Paper] and [Tweet] links',
      sortText: '1',
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: {
        range: { start: { line: position.line, character: 0 }, end: position },
        newText: `| ${marker} **\${1:Title}** - \${2:description} | [Paper](\${3}), [Tweet](\${4}) |$0`,
      },
      filterText: before,
    },
  ];
}

function labelCompletions(list: PaperList, position: Position, before: string): CompletionItem[] {
  const counts = new Map<string, number>();
  for (const label of LINK_LABELS.slice(0, COMMON_LINK_LABEL_COUNT)) counts.set(label, 0);
  for (const week of list.weeks)
    for (const row of week.rows)
      for (const link of row.links) if (!link.isImage && /^[A-Za-z][\w -]{0,20}$/.test(link.label)) counts.set(link.label, (counts.get(link.label) ?? 0) + 1);
  const open = before.lastIndexOf('[');
  const after = list.lines.line(position.line).slice(position.character);
  const closed = after.startsWith(']');
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([label, count], i) => ({
      label,
      kind: CompletionItemKind.Keyword,
      detail: count > 0 ? `Used ${count} time${count === 1 ? '' : 's'} in this list` : 'Link label',
      sortText: String(i).padStart(4, '0'),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: { start: { line: position.line, character: open + 1 }, end: position }, newText: closed ? label : `${label}](\${1})` },
    }));
}

function isTocArea(list: PaperList, line: number): boolean {
  if (list.toc.length === 0) return false;
  const first = list.toc[0].line;
  const last = list.toc[list.toc.length - 1].line;
  return line >= first - 1 && line <= last + 1 && (list.weeks.length === 0 || line < list.weeks[0].headingLine);
}

function tocCompletions(list: PaperList, position: Position, before: string): CompletionItem[] {
  const listed = new Set(list.toc.map((e) => (e.anchor ? list.anchors.get(e.anchor.toLowerCase()) : undefined)));
  const style = tocStyleOf(list.toc[0]);
  const bullet = before.match(/^\s*[-*+]\s*/)![0];
  return list.weeks
    .filter((w) => !listed.has(w.headingLine))
    .map((w, i) => {
      const anchor = [...list.anchors].find(([, l]) => l === w.headingLine)?.[0] ?? w.anchor;
      const text = tocEntryText(style, w.heading);
      return {
        label: text,
        kind: CompletionItemKind.Reference,
        detail: 'Missing TOC entry',
        sortText: String(i).padStart(4, '0'),
        textEdit: {
          range: { start: { line: position.line, character: 0 }, end: position },
          newText: tocEntryLine(style, text, anchor, `${bullet.trimEnd()} `),
        },
        filterText: before,
      };
    });
}

/** In the index of a multi-file list: an entry for each week of any file that no entry resolves to, newest first. */
function indexCompletions(model: ListModel, position: Position, before: string): CompletionItem[] {
  const listed = new Set(model.entries.map((r) => r.week));
  const bullet = before.match(/^\s*[-*+]\s*/)![0];
  const styleOf = (uri: string): TocStyle | undefined => {
    const sibling = model.entries.find((r) => r.target?.uri === uri && r.entry.target.includes('#')) ?? model.entries[0];
    if (!sibling) return undefined;
    const style = tocStyleOf(sibling.entry);
    return sibling.target?.uri === uri ? style : { ...style, base: uri === model.indexUri ? '' : relativePathOf(model.indexUri, uri) };
  };
  const items: CompletionItem[] = [];
  for (const { file, week } of model.weeks) {
    if (listed.has(week)) continue;
    const style = styleOf(file.uri);
    if (!style) break;
    const anchor = [...file.list.anchors].find(([, l]) => l === week.headingLine)?.[0] ?? week.anchor;
    const text = tocEntryText(style, week.heading);
    items.push({
      label: text,
      kind: CompletionItemKind.Reference,
      detail: `Missing index entry (${model.nameOf(file.uri)})`,
      sortText: String(items.length).padStart(4, '0'),
      textEdit: { range: { start: { line: position.line, character: 0 }, end: position }, newText: tocEntryLine(style, text, anchor, `${bullet.trimEnd()} `) },
      filterText: before,
    });
  }
  return items;
}
