// The links the link rules read: a week's rows and other content here; the preamble and tail are list.outsideLinks
// (TOC entries belong to `toc`).
import type { Link, Week } from '../model/model';

/** A week's links: rows, then the week's other content. */
export function* weekLinks(week: Week): Generator<Link> {
  for (const row of week.rows) yield* row.links;
  yield* week.otherLinks;
}
