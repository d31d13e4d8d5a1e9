import { anchorOf } from '../model/urls';
import { weekLinks } from './listLinks';
import { type Rule } from './rule';
import { toRange } from '../model/ranges';
import type { Link, ParsedWeek } from '../model/parseWeek';
import type { PaperList } from '../model/model';

/** A link within the document: `#x` or `./#x` (links into other files are checked where those files are known). */
const SAME_DOCUMENT = /^(?:\.\/)?#/;

/** The anchor a same-document link targets, or undefined for any other link (and for `#`, `#top`). */
function targetAnchor(link: Link): string | undefined {
  // Most links are URLs: the first character rules them out before the regex runs.
  const first = link.target.charCodeAt(0);
  if (link.isImage || (first !== 35 /* # */ && first !== 46) /* . */ || !SAME_DOCUMENT.test(link.target)) return undefined;
  const anchor = anchorOf(link.target);
  return anchor === undefined || anchor === '' || anchor.toLowerCase() === 'top' ? undefined : anchor;
}

/** Each section's same-document links, lines relative to the section: found once per section text, so an edit looks at a few links, not all. */
const sectionAnchorLinks = new WeakMap<ParsedWeek, readonly { link: Link; anchor: string }[]>();

function resolves(list: PaperList, anchor: string): boolean {
  return list.anchors.has(anchor.toLowerCase()) || list.htmlAnchors.has(anchor) || list.anchors.has(anchor.replace(/^user-content-/, '').toLowerCase());
}

export const anchorLink: Rule = {
  name: 'anchor-link',
  description: 'Links to `#anchor` in the same document (outside the table of contents, which `toc` checks) match a heading or an HTML anchor.',
  defaultSeverity: 'warning',
  check({ list }, report) {
    const unresolved = (link: Link, anchor: string, line: number) =>
      report({
        range: toRange({ ...link.targetSpan, line }),
        message: `Link [${link.label}] points at #${anchor}, which matches no heading in this document`,
      });
    for (const week of list.weeks) {
      let links = sectionAnchorLinks.get(week.parsed);
      if (!links) {
        const found: { link: Link; anchor: string }[] = [];
        const weekLinksOf = weekLinks(week.parsed);
        for (let l = 0; l < weekLinksOf.length; l++) {
          const link = weekLinksOf[l];
          const anchor = targetAnchor(link);
          if (anchor !== undefined) found.push({ link, anchor });
        }
        sectionAnchorLinks.set(week.parsed, (links = found));
      }
      for (const { link, anchor } of links) if (!resolves(list, anchor)) unresolved(link, anchor, link.targetSpan.line + week.startLine);
    }
    for (const link of list.outsideLinks) {
      const anchor = targetAnchor(link);
      if (anchor !== undefined && !resolves(list, anchor)) unresolved(link, anchor, link.targetSpan.line);
    }
  },
};
