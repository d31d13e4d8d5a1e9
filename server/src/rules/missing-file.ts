import { placeholderReason, isExternal } from '../model/urls';
import { allLinks } from './listLinks';
import { type Rule } from './rule';
import { toRange } from '../model/ranges';

export const missingFile: Rule = {
  name: 'missing-file',
  description: 'Relative links and images point at files that exist next to the document.',
  defaultSeverity: 'warning',
  check({ list, settings, host }, report) {
    if (!host) return;
    for (const link of allLinks(list)) {
      const target = link.target;
      if (target === '' || isExternal(target) || target.startsWith('#') || placeholderReason(target, link.isImage, settings.placeholderPatterns)) continue;
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
  },
};
