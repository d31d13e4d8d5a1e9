import { placeholderReason } from '../model/urls';
import type { Link } from '../model/model';
import { weekLinks } from './listLinks';
import { type Report, type Rule } from './rule';
import { type Settings } from '../settings';
import { toRange } from '../model/ranges';

export const placeholderLink: Rule = {
  name: 'placeholder-link',
  description: 'Links and images point somewhere real: not empty, `#`, `xxx`, `TODO`, `example.com`, a bare scheme, prose, or an image folder.',
  defaultSeverity: 'error',
  checkWeek({ week, settings }, report) {
    for (const link of weekLinks(week)) checkLink(link, settings, report);
  },
  check({ list, settings }, report) {
    for (const link of list.outsideLinks) checkLink(link, settings, report);
  },
};

function checkLink(link: Link, settings: Settings, report: Report): void {
  const reason = placeholderReason(link.target, link.isImage, settings.placeholderPatterns);
  if (reason)
    report({
      range: toRange(link.span),
      message: `${link.isImage ? 'Image' : 'Link'} [${link.label}] ${reason}; expected a URL${link.isImage ? ' or image file' : ''}`,
    });
}
