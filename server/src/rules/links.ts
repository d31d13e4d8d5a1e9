import type { Link, PaperList } from '../model/model';
import { paperLink } from '../model/model';
import { placeholderReason, isExternal, hostOf, isTweetHost, hostsCode } from '../model/urls';
import { lineRange, replaceSpan, toRange, type Rule } from './rule';

/** Every link the rules look at: rows, other week content, preamble and tail. TOC entries belong to the `toc` rule. */
function* allLinks(list: PaperList): Generator<Link> {
  for (const week of list.weeks) {
    for (const row of week.rows) yield* row.links;
    yield* week.otherLinks;
  }
  yield* list.outsideLinks;
}

export const placeholderLink: Rule = {
  name: 'placeholder-link',
  description: 'Links and images point somewhere real: not empty, `#`, `xxx`, `TODO`, `example.com`, a bare scheme, prose, or an image folder.',
  defaultSeverity: 'error',
  check({ list, placeholderPatterns }, report) {
    for (const link of allLinks(list)) {
      const reason = placeholderReason(link.target, link.isImage, placeholderPatterns);
      if (reason)
        report({
          range: toRange(link.span),
          message: `${link.isImage ? 'Image' : 'Link'} [${link.label}] ${reason}; expected a URL${link.isImage ? ' or image file' : ''}`,
        });
    }
  },
};

export const missingFile: Rule = {
  name: 'missing-file',
  description: 'Relative links and images point at files that exist next to the document.',
  defaultSeverity: 'warning',
  check({ list, fileExists, placeholderPatterns }, report) {
    if (!fileExists) return;
    for (const link of allLinks(list)) {
      const target = link.target;
      if (target === '' || isExternal(target) || target.startsWith('#') || placeholderReason(target, link.isImage, placeholderPatterns)) continue;
      const path = target.replace(/[?#].*$/, '');
      let decoded = path;
      try {
        decoded = decodeURIComponent(path);
      } catch {
        // keep the raw path: a stray `%` is part of the name
      }
      if (path !== '' && !fileExists(decoded)) {
        report({ range: toRange(link.targetSpan), message: `${link.isImage ? 'Image' : 'Linked file'} "${decoded}" does not exist next to this document` });
      }
    }
  },
};

const KNOWN_LABELS = [
  'Paper',
  'Tweet',
  'Code',
  'GitHub',
  'Project',
  'Blog',
  'Demo',
  'Dataset',
  'Model',
  'Models',
  'Website',
  'Video',
  'Report',
  'Thread',
  'Benchmark',
  'Docs',
  'Data',
];

export const linkLabel: Rule = {
  name: 'link-label',
  description: 'Link labels are well-formed and match their target: `[Tweet]` on twitter.com/x.com, `[Code]`/`[GitHub]` on a code host.',
  defaultSeverity: 'warning',
  fix: 'Removes stray brackets and punctuation from a malformed label (`[Tweet)]` → `[Tweet]`).',
  check({ list }, report) {
    for (const week of list.weeks) {
      for (const row of week.rows) {
        for (const link of row.links) {
          if (link.isImage) continue;
          const label = link.label;
          const clean = label.replace(/[()[\]{}<>,;:!|]/g, '').trim();
          if (clean !== label.trim() && clean !== '' && KNOWN_LABELS.some((k) => k.toLowerCase() === clean.toLowerCase())) {
            report({
              range: toRange(link.labelSpan),
              message: `Link label "${label}" is malformed; expected "${clean}"`,
              fix: { title: `Change label to "${clean}"`, edits: [replaceSpan(link.labelSpan, clean)] },
            });
            continue;
          }
          const host = hostOf(link.target);
          if (!host) continue;
          const name = clean.toLowerCase();
          if (name === 'tweet' && !isTweetHost(host)) {
            report({ range: toRange(link.labelSpan), message: `[${label}] links to ${host}; expected twitter.com or x.com` });
          } else if ((name === 'code' || name === 'github') && !hostsCode(host)) {
            report({ range: toRange(link.labelSpan), message: `[${label}] links to ${host}, which hosts no code; expected a code host such as github.com` });
          }
        }
      }
    }
  },
};

export const missingLink: Rule = {
  name: 'missing-link',
  description: 'Every row has the required links (setting `paperList.requiredLinks`, default `Paper`).',
  defaultSeverity: 'info',
  check({ list }, report) {
    for (const week of list.weeks) {
      for (const row of week.rows) {
        for (const label of list.requiredLinks) {
          if (paperLink(row, label)) continue;
          const cell = row.cells[row.cells.length - 1];
          const range = cell ? toRange(cell.span) : lineRange(row.line, row.contentStart, row.contentEnd);
          report({ range, message: `Row ${row.number ? `${row.number.value} ` : ''}"${row.title}" has no [${label}] link` });
        }
      }
    }
  },
};
