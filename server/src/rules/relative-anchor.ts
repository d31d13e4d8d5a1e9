import type { Link } from '../model/model';
import { weekLinks } from './listLinks';
import { type Report, type Rule } from './rule';
import { lineRange, toRange } from '../model/ranges';

export const relativeAnchor: Rule = {
  name: 'relative-anchor',
  description:
    "Links to a heading of the same file are written `#anchor`: `./#anchor` works on the repository's front page but not when the file is viewed on GitHub (the blob view).",
  defaultSeverity: 'info',
  fix: 'Drops the `./` (`./#anchor` → `#anchor`); turn the rule off to keep `./#`.',
  checkWeek({ week }, report) {
    // A week's problems are cached with its parse (weekProblems.ts): no need to keep them per link too.
    const links = weekLinks(week);
    for (let l = 0; l < links.length; l++) {
      const problem = linkProblem(links[l]);
      if (problem) report(problem);
    }
  },
  check({ list }, report) {
    for (const entry of list.toc) if (!entry.link.nested) checkLink(entry.link, report);
    for (const link of list.outsideLinks) checkLink(link, report);
  },
};

/** A link's problem, or null: TOC entries and other lines outside the weeks keep their Link objects while unchanged (model.ts). */
const problemOfLink = new WeakMap<Link, Parameters<Report>[0] | null>();

function checkLink(link: Link, report: Report): void {
  let problem = problemOfLink.get(link);
  if (problem === undefined) problemOfLink.set(link, (problem = linkProblem(link)));
  if (problem) report(problem);
}

function linkProblem(link: Link): Parameters<Report>[0] | null {
  if (link.isImage || !link.target.startsWith('./#')) return null;
  return {
    range: toRange(link.targetSpan),
    message: `Link "${link.target}" does not work in GitHub's file view; expected "${link.target.slice(2)}"`,
    fix: {
      title: `Link to ${link.target.slice(2)}`,
      edits: [{ range: lineRange(link.targetSpan.line, link.targetSpan.start, link.targetSpan.start + 2), newText: '' }],
    },
  };
}
