import { placeholderReason } from '../model/urls';
import { allLinks } from './listLinks';
import { type Rule } from './rule';
import { toRange } from '../model/ranges';

export const placeholderLink: Rule = {
  name: 'placeholder-link',
  description: 'Links and images point somewhere real: not empty, `#`, `xxx`, `TODO`, `example.com`, a bare scheme, prose, or an image folder.',
  defaultSeverity: 'error',
  check({ list, settings }, report) {
    for (const link of allLinks(list)) {
      const reason = placeholderReason(link.target, link.isImage, settings.placeholderPatterns);
      if (reason)
        report({
          range: toRange(link.span),
          message: `${link.isImage ? 'Image' : 'Link'} [${link.label}] ${reason}; expected a URL${link.isImage ? ' or image file' : ''}`,
        });
    }
  },
};
