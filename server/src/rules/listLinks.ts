// The links the link rules read: rows, other week content, preamble and tail (TOC entries belong to `toc`).
import type { Link, PaperList, Week } from '../model/model';

/** Every link the rules look at: rows, other week content, preamble and tail. TOC entries belong to the `toc` rule. */
export function* allLinks(list: PaperList): Generator<Link> {
  for (const week of list.weeks) yield* weekLinks(week);
  yield* list.outsideLinks;
}

/** A week's links: rows, then the week's other content. */
export function* weekLinks(week: Week): Generator<Link> {
  for (const row of week.rows) yield* row.links;
  yield* week.otherLinks;
}
