// The links the link rules read in a week (TOC entries belong to `toc`).
import { isTemplateRow, type Link, type Week } from '../model/model';

/** A week's links (or a parsed section's): rows (untouched template rows left to `unfinished-week`), then the week's other content. */
export function* weekLinks(week: Pick<Week, 'rows' | 'otherLinks'>): Generator<Link> {
  for (const row of week.rows) if (!isTemplateRow(row)) yield* row.links;
  yield* week.otherLinks;
}
