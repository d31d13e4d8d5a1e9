import { anchorOf } from '../model/urls';
import { allLinks } from './listLinks';
import { type Rule } from './rule';
import { toRange } from '../model/ranges';

/** A link within the document: `#x` or `./#x` (links into other files are checked where those files are known). */
const SAME_DOCUMENT = /^(?:\.\/)?#/;

export const anchorLink: Rule = {
  name: 'anchor-link',
  description: 'Links to `#anchor` in the same document (outside the table of contents, which `toc` checks) match a heading or an HTML anchor.',
  defaultSeverity: 'warning',
  check({ list }, report) {
    for (const link of allLinks(list)) {
      // Most links are URLs: the first character rules them out before the regex runs.
      const first = link.target.charCodeAt(0);
      if (link.isImage || (first !== 35 /* # */ && first !== 46) /* . */ || !SAME_DOCUMENT.test(link.target)) continue;
      const anchor = anchorOf(link.target);
      if (anchor === undefined || anchor === '' || anchor.toLowerCase() === 'top') continue;
      if (list.anchors.has(anchor.toLowerCase()) || list.htmlAnchors.has(anchor) || list.anchors.has(anchor.replace(/^user-content-/, '').toLowerCase()))
        continue;
      report({ range: toRange(link.targetSpan), message: `Link [${link.label}] points at #${anchor}, which matches no heading in this document` });
    }
  },
};
