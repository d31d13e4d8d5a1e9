// Link targets: identity of a paper across URL spellings, placeholders, hosts.
import { PLACEHOLDER_WORDS } from './placeholders';

const ARXIV =
  /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format)\/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7}))(?:v\d+)?(?:\.pdf)?\/?(?:[?#].*)?$/i;
const TRACKING_PARAM = /^(?:utm_[a-z_]*|s|t|ref|ref_src|ref_url|source|si|fbclid|gclid|mc_cid|mc_eid)$/i;

/**
 * A key under which two links to the same paper compare equal: `arxiv:2302.12246` for arXiv
 * (abs/pdf/html, version and `.pdf` ignored), else the URL without scheme, `www.`, trailing slash,
 * fragment and tracking parameters. Other query parameters stay: openreview `?id=` tells papers apart.
 */
export function paperKey(url: string): string | undefined {
  const trimmed = url.trim();
  if (!/^(?:https?:\/\/)?[\w-]+(?:\.[\w-]+)+/i.test(trimmed)) return undefined;
  const arxiv = ARXIV.exec(trimmed);
  if (arxiv) return `arxiv:${arxiv[1].toLowerCase()}`;
  let rest = trimmed.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  let query = '';
  const q = rest.indexOf('?');
  if (q !== -1) {
    query = rest
      .slice(q + 1)
      .split('&')
      .filter((pair) => pair !== '' && !TRACKING_PARAM.test(pair.split('=')[0]))
      .join('&');
    rest = rest.slice(0, q);
  }
  rest = rest.replace(/\/+$/, '');
  const slash = rest.indexOf('/');
  const host = (slash === -1 ? rest : rest.slice(0, slash)).toLowerCase();
  const path = slash === -1 ? '' : rest.slice(slash);
  return host + path + (query ? `?${query}` : '');
}

/** The arXiv id of a URL, if it is one, e.g. `2302.12246`. */
export function arxivId(url: string): string | undefined {
  const match = ARXIV.exec(url.trim());
  return match ? match[1] : undefined;
}

const PLACEHOLDER_TARGETS: ReadonlySet<string> = new Set([
  ...PLACEHOLDER_WORDS,
  '',
  '#',
  'link',
  'url',
  'paper',
  'tweet',
  'none',
  'null',
  'undefined',
  'https://',
  'http://',
  'https:',
  'http:',
]);

// Module constants, not literals in placeholderReason: a literal is a new RegExp object on every call, and every link
// target of a list is checked.
const X_RUN = /^x{2,}$/i;
const HASH_RUN = /^#+$/;
const EXAMPLE_DOMAIN = /^(?:https?:\/\/)?(?:www\.)?example\.(?:com|org|net)(?:[/?#]|$)/i;
const BARE_SCHEME = /^[a-z][a-z0-9+.-]*:\/{0,2}$/i;
const PASTED_LINK = /^\[[^\]]*\]\(/;
const BLANK = /\s/;

const LONGEST_PLACEHOLDER_TARGET = Math.max(...[...PLACEHOLDER_TARGETS].map((word) => word.length));

/**
 * Why a link target is a placeholder rather than a real destination, or undefined when it looks real.
 * `extraPatterns` come from settings and are matched as plain, case-insensitive text (never compiled as
 * regular expressions: workspace settings must not be able to inject a pathological pattern).
 */
export function placeholderReason(target: string, isImage: boolean, extraPatterns: readonly string[] = []): string | undefined {
  const t = target.trim();
  if (t === '') return 'is empty';
  // Lowercased only when it can matter: every link target of a list goes through here on a cold analysis.
  const lower = t.length <= LONGEST_PLACEHOLDER_TARGET || extraPatterns.length > 0 ? t.toLowerCase() : '';
  if ((t.length <= LONGEST_PLACEHOLDER_TARGET && PLACEHOLDER_TARGETS.has(lower)) || X_RUN.test(t) || HASH_RUN.test(t)) return `is the placeholder "${t}"`;
  if (EXAMPLE_DOMAIN.test(t)) return `points at ${t.replace(/^https?:\/\//i, '')}, a placeholder domain`;
  if (BARE_SCHEME.test(t)) return `is a bare scheme "${t}"`;
  for (let p = 0; p < extraPatterns.length; p++) {
    const pattern = extraPatterns[p];
    if (pattern !== '' && lower.includes(pattern.toLowerCase())) return `matches the placeholder pattern "${pattern}"`;
  }
  // `[Paper]([XXX](https://…))`: a placeholder link pasted over instead of replaced.
  if (PASTED_LINK.test(t)) return `is the Markdown link "${t.length > 40 ? t.slice(0, 40) + '…' : t}", not a URL`;
  if (BLANK.test(t) && !/^<.*>$/.test(t)) return `is prose ("${t.length > 40 ? t.slice(0, 40) + '…' : t}"), not a URL`;
  if (isImage && !isExternal(t) && /\/$/.test(t)) return `is the folder "${t}", not an image file`;
  return undefined;
}

export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

export function hostOf(url: string): string | undefined {
  const match = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#:]+)/i.exec(url.trim());
  return match ? match[1].toLowerCase().replace(/^www\./, '') : undefined;
}

export function isTweetHost(host: string): boolean {
  return host === 'twitter.com' || host === 'x.com' || host === 'mobile.twitter.com' || host === 'mobile.x.com';
}

const CODE_HOSTS = [
  'github.com',
  'gitlab.com',
  'bitbucket.org',
  'huggingface.co',
  'codeberg.org',
  'sourceforge.net',
  'colab.research.google.com',
  'kaggle.com',
  'paperswithcode.com',
  'git.',
  'github.io',
  'pypi.org',
  'npmjs.com',
  'gitee.com',
];

/** Hosts where a `[Code]`/`[GitHub]` link can reasonably point (code hosts and project pages). */
export function hostsCode(host: string): boolean {
  return CODE_HOSTS.some((h) => (h.endsWith('.') ? host.startsWith(h) : host === h || host.endsWith('.' + h)));
}

/**
 * GitHub's heading anchor: lowercase, drop everything but letters, digits, spaces, `-` and `_`,
 * spaces to `-`. "Top ML Papers of the Week (June 23 - June 29) - 2025" → "top-ml-papers-of-the-week-june-23---june-29---2025".
 */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^<>]*>/g, '') // `[^<>]`: a run of unclosed `<` must not be rescanned from each one
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchor of a TOC link target (`./#a`, `#a`, `https://github.com/o/r#a`, `…/blob/main/README.md#a`), or undefined when it has none. */
export function anchorOf(target: string): string | undefined {
  const hash = target.indexOf('#');
  if (hash === -1) return undefined;
  try {
    return decodeURIComponent(target.slice(hash + 1));
  } catch {
    return target.slice(hash + 1);
  }
}
