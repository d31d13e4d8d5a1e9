// The links the link rules read in a week (TOC entries belong to `toc`).
import { isTemplateRow, type Link, type PaperRow, type Week } from '../model/model';

/**
 * A week's links (or a parsed section's): rows (untouched template rows left to `unfinished-week`), then the week's other
 * content. An array kept per rows array (a section's parse, or its copy placed on document lines): four rules read the
 * links of every week on a cold analysis, and a generator allocated a result object per link for each of them.
 */
export function weekLinks(week: Pick<Week, 'rows' | 'otherLinks'>): readonly Link[] {
  const known = linksOfRows.get(week.rows);
  if (known && known.otherLinks === week.otherLinks) return known.links;
  const links: Link[] = [];
  for (const row of week.rows) if (!isTemplateRow(row)) for (const link of row.links) links.push(link);
  for (const link of week.otherLinks) links.push(link);
  linksOfRows.set(week.rows, { otherLinks: week.otherLinks, links });
  return links;
}

const linksOfRows = new WeakMap<readonly PaperRow[], { readonly otherLinks: readonly Link[]; readonly links: readonly Link[] }>();
