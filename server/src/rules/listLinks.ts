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
  for (let r = 0; r < week.rows.length; r++) {
    const row = week.rows[r];
    if (!isTemplateRow(row)) for (let l = 0; l < row.links.length; l++) links.push(row.links[l]);
  }
  for (let l = 0; l < week.otherLinks.length; l++) links.push(week.otherLinks[l]);
  linksOfRows.set(week.rows, { otherLinks: week.otherLinks, links });
  return links;
}

const linksOfRows = new WeakMap<readonly PaperRow[], { readonly otherLinks: readonly Link[]; readonly links: readonly Link[] }>();
