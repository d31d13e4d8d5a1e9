import { placeholderReason } from '../model/urls';
import { placeholderTextReason } from '../model/placeholders';
import type { Link } from '../model/model';
import { weekLinks } from './listLinks';
import { type Fix, type Report, type Rule } from './rule';
import { type Settings } from '../settings';
import { lineRange, toRange } from '../model/ranges';

export const placeholderLink: Rule = {
  name: 'placeholder-link',
  description:
    'Links and images point somewhere real: not empty, `#`, `xxx`, `TODO`, `example.com`, a bare scheme, prose, an image folder, or a second link pasted into the target (`[Tweet]([XXX](https://…))`).',
  defaultSeverity: 'error',
  fix: 'Unwraps a target that repeats its URL as a link, `[Paper]([https://…](https://…))` → `[Paper](https://…)`.',
  checkWeek({ week, settings }, report) {
    const links = weekLinks(week);
    for (let l = 0; l < links.length; l++) checkLink(links[l], settings, report);
  },
  check({ list, settings }, report) {
    for (const link of list.outsideLinks) checkLink(link, settings, report);
  },
};

function checkLink(link: Link, settings: Settings, report: Report): void {
  if (link.nested) {
    report(nestedProblem(link, settings.placeholderPatterns));
    return;
  }
  const reason = placeholderReason(link.target, link.isImage, settings.placeholderPatterns);
  if (reason)
    report({
      range: toRange(link.span),
      message: `${link.isImage ? 'Image' : 'Link'} [${link.label}] ${reason}; expected a URL${link.isImage ? ' or image file' : ''}`,
    });
}

/** `[Tweet]([XXX](https://…))`: one problem for the pasted link, with a fix only when nothing but a repeated URL goes. */
function nestedProblem(link: Link, patterns: readonly string[]) {
  const nested = link.nested!;
  const shown = `[${short(nested.label)}](${short(nested.target)})`;
  const kind = link.isImage ? 'Image' : 'Link';
  const isPlaceholder = placeholderTextReason(nested.label, patterns) !== undefined || nested.label.trim() === '';
  const realTarget = placeholderReason(nested.target, link.isImage, patterns) === undefined;
  const message = isPlaceholder
    ? `${kind} [${link.label}] holds the placeholder link "${shown}" in its target; expected [${link.label}](${realTarget ? short(nested.target) : 'a URL'})`
    : `${kind} [${link.label}] holds a second link "${shown}" in its target; expected [${link.label}](${realTarget ? short(nested.target) : 'a URL'})`;
  // Only a closed link: without its `)` the repair would have to guess where the link ends.
  const repeatsUrl = realTarget && nested.closed && nested.label.trim() === nested.target;
  const fix: Fix | undefined = repeatsUrl
    ? {
        title: `Link [${link.label}] to ${short(nested.target)}`,
        edits: [{ range: lineRange(link.span.line, link.targetSpan.start, link.span.end), newText: `${nested.target})` }],
      }
    : undefined;
  return { range: toRange(link.span), message, fix };
}

function short(text: string): string {
  return text.length > 40 ? text.slice(0, 40) + '…' : text;
}
