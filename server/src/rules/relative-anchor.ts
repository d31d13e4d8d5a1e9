import type { Link } from '../model/model';
import { allLinks } from './listLinks';
import { type Rule } from './rule';
import { lineRange, toRange } from '../model/ranges';

export const relativeAnchor: Rule = {
  name: 'relative-anchor',
  description:
    "Links to a heading of the same file are written `#anchor`: `./#anchor` works on the repository's front page but not when the file is viewed on GitHub (the blob view).",
  defaultSeverity: 'info',
  fix: 'Drops the `./` (`./#anchor` → `#anchor`); turn the rule off to keep `./#`.',
  check({ list }, report) {
    const check = (link: Link) => {
      if (link.isImage || !link.target.startsWith('./#')) return;
      report({
        range: toRange(link.targetSpan),
        message: `Link "${link.target}" does not work in GitHub's file view; expected "${link.target.slice(2)}"`,
        fix: {
          title: `Link to ${link.target.slice(2)}`,
          edits: [{ range: lineRange(link.targetSpan.line, link.targetSpan.start, link.targetSpan.start + 2), newText: '' }],
        },
      });
    };
    for (const entry of list.toc) if (!entry.link.nested) check(entry.link);
    for (const link of allLinks(list)) check(link);
  },
};
