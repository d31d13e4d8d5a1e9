import { placeholderReason, isExternal } from '../model/urls';
import type { Link } from '../model/model';
import { weekLinks } from './listLinks';
import { type Report, type Rule, type RuleHost } from './rule';
import { type Settings } from '../settings';
import { toRange } from '../model/ranges';

export const missingFile: Rule = {
  name: 'missing-file',
  description: 'Relative links and images point at files that exist next to the document.',
  defaultSeverity: 'warning',
  checkWeek({ week, settings, host }, report) {
    if (!host) return;
    const links = weekLinks(week);
    for (let l = 0; l < links.length; l++) checkLink(links[l], settings, host, report);
  },
  check({ list, settings, host }, report) {
    if (host) for (const link of list.outsideLinks) checkLink(link, settings, host, report);
  },
};

function checkLink(link: Link, settings: Settings, host: RuleHost, report: Report): void {
  const target = link.target;
  if (target === '' || isExternal(target) || target.startsWith('#') || placeholderReason(target, link.isImage, settings.placeholderPatterns)) return;
  const path = target.replace(/[?#].*$/, '');
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // keep the raw path: a stray `%` is part of the name
  }
  if (path !== '' && host.fileExists(decoded) === false) {
    report({ range: toRange(link.targetSpan), message: `${link.isImage ? 'Image' : 'Linked file'} "${decoded}" does not exist next to this document` });
  }
}
