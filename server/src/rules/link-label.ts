import { LINK_LABELS } from '../model/linkLabels';
import { hostOf, isTweetHost, hostsCode } from '../model/urls';
import { replaceSpan, type Rule } from './rule';
import { toRange } from '../model/ranges';
import { sameLabel } from '../model/model';

const STRAYS = /[()[\]{}<>,;:!|]/g;
/** The same class without the global flag, whose test() keeps no lastIndex between labels. */
const STRAY = new RegExp(STRAYS.source);

export const linkLabel: Rule = {
  name: 'link-label',
  description: 'Link labels are well-formed and match their target: `[Tweet]` on twitter.com/x.com, `[Code]`/`[GitHub]` on a code host.',
  defaultSeverity: 'warning',
  fix: 'Removes stray brackets and punctuation from a malformed label (`[Tweet)]` → `[Tweet]`).',
  checkWeek({ week }, report) {
    for (let r = 0; r < week.rows.length; r++) {
      const links = week.rows[r].links;
      for (let l = 0; l < links.length; l++) {
        const link = links[l];
        if (link.isImage) continue;
        const label = link.label;
        // Most labels hold none of the stray characters: no copy of them then.
        const clean = STRAY.test(label) ? label.replace(STRAYS, '').trim() : label.trim();
        if (clean !== label.trim() && clean !== '' && LINK_LABELS.some((k) => sameLabel(clean, k))) {
          report({
            range: toRange(link.labelSpan),
            message: `Link label "${label}" is malformed; expected "${clean}"`,
            fix: { title: `Change label to "${clean}"`, edits: [replaceSpan(link.labelSpan, clean)] },
          });
          continue;
        }
        // The host is read only for the labels that name one.
        const tweet = sameLabel(clean, 'tweet');
        if (!tweet && !sameLabel(clean, 'code') && !sameLabel(clean, 'github')) continue;
        const host = hostOf(link.target);
        if (!host) continue;
        if (tweet && !isTweetHost(host)) {
          report({ range: toRange(link.labelSpan), message: `[${label}] links to ${host}; expected twitter.com or x.com` });
        } else if (!tweet && !hostsCode(host)) {
          report({ range: toRange(link.labelSpan), message: `[${label}] links to ${host}, which hosts no code; expected a code host such as github.com` });
        }
      }
    }
  },
};
