// Mutations of a paper list: what a half-edited README, a bad paste or another machine's line endings do to it.
// Each works on raw lines (split at `\n`, a `\r` stays on its line) so line endings survive unless a mutation targets them.
import type { Rng } from './rng';

export type Mutation = (text: string, rng: Rng) => string;

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
  'January',
  'June',
  'December',
  'Foo',
  'jun',
  'JUN',
  'Ma',
];

/** Characters that break naive parsers: NUL, lone surrogates, CR, tabs, zero-width, bidi controls, separators, markdown syntax. */
const HOSTILE = [
  '\0',
  '\ud800',
  '\udfff',
  '\udbff',
  '\r',
  '\t',
  '\u200b',
  '\u200c',
  '\u200d',
  '\ufeff',
  '\u202e',
  '\u202d',
  '\u200f',
  '\u2066',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u00a0',
  '\u3000',
  '😀',
  '👩‍💻',
  '中',
  '文',
  'ß',
  'İ',
  'ﬃ',
  'é',
  'é',
  '|',
  '\\',
  '`',
  '*',
  '_',
  '[',
  ']',
  '(',
  ')',
  '#',
  '<',
  '>',
  '-',
  ':',
  '.',
  ' ',
  '\n',
  '!',
  '"',
  "'",
  '~',
  '&',
  '%',
];

function lines(text: string): string[] {
  return text.split('\n');
}

function join(ls: readonly string[]): string {
  return ls.join('\n');
}

function randomLine(rng: Rng, ls: readonly string[], prefer?: (line: string) => boolean): number {
  if (prefer && rng.chance(0.8)) {
    const candidates: number[] = [];
    for (let i = 0; i < ls.length; i++) if (prefer(ls[i])) candidates.push(i);
    if (candidates.length > 0) return rng.pick(candidates);
  }
  return rng.int(0, ls.length - 1);
}

const isRow = (l: string) => l.trimStart().startsWith('|');
const isHeading = (l: string) => /^\s{0,3}#/.test(l);
const isToc = (l: string) => /^\s*[-*+]\s+\[/.test(l);
const hasDate = (l: string) => /\(\s*[A-Za-z]+\.?\s*\d/.test(l);

function randomChars(rng: Rng, count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) {
    if (rng.chance(0.15)) s += String.fromCharCode(rng.int(0, 255));
    else if (rng.chance(0.05)) s += String.fromCharCode(rng.int(0, 0xffff));
    else s += rng.pick(HOSTILE);
  }
  return s;
}

export const MUTATIONS: Readonly<Record<string, Mutation>> = {
  'delete-lines'(text, rng) {
    const ls = lines(text);
    const at = randomLine(rng, ls, rng.chance(0.5) ? isRow : undefined);
    ls.splice(at, rng.chance(0.8) ? 1 : rng.int(2, 20));
    return join(ls);
  },
  'duplicate-lines'(text, rng) {
    const ls = lines(text);
    const at = randomLine(rng, ls, rng.pick([isRow, isHeading, isToc]));
    const count = rng.chance(0.7) ? 1 : rng.int(2, 40);
    ls.splice(at, 0, ...ls.slice(at, at + count));
    return join(ls);
  },
  'swap-lines'(text, rng) {
    const ls = lines(text);
    const a = randomLine(rng, ls, isRow);
    const b = rng.chance(0.6) ? Math.max(0, Math.min(ls.length - 1, a + rng.int(-3, 3))) : rng.int(0, ls.length - 1);
    [ls[a], ls[b]] = [ls[b], ls[a]];
    return join(ls);
  },
  'truncate-line'(text, rng) {
    const ls = lines(text);
    const at = randomLine(rng, ls, rng.pick([isRow, isHeading, isToc]));
    ls[at] = ls[at].slice(0, rng.int(0, ls[at].length));
    return join(ls);
  },
  'insert-chars'(text, rng) {
    const at = rng.int(0, text.length);
    return text.slice(0, at) + randomChars(rng, rng.int(1, 8)) + text.slice(at);
  },
  'drop-pipe'(text, rng) {
    const ls = lines(text);
    const at = randomLine(rng, ls, (l) => l.includes('|'));
    const pipes = [...ls[at].matchAll(/\|/g)].map((m) => m.index!);
    if (pipes.length === 0) return text;
    const p = rng.chance(0.5) ? rng.pick([pipes[0], pipes[pipes.length - 1]]) : rng.pick(pipes);
    ls[at] = ls[at].slice(0, p) + ls[at].slice(p + 1);
    return join(ls);
  },
  'add-pipe'(text, rng) {
    const ls = lines(text);
    const at = randomLine(rng, ls, isRow);
    const line = ls[at];
    const col = rng.chance(0.3) ? 0 : rng.chance(0.3) ? line.length : rng.int(0, line.length);
    ls[at] = line.slice(0, col) + rng.pick(['|', '||', ' | ', '\\|', '`|`']) + line.slice(col);
    return join(ls);
  },
  'change-number'(text, rng) {
    const ls = lines(text);
    const at = randomLine(rng, ls, (l) => /\d/.test(l));
    const runs = [...ls[at].matchAll(/\d+/g)];
    if (runs.length === 0) return text;
    const run = rng.chance(0.6) ? runs[0] : rng.pick(runs);
    const replacement = rng.pick([String(rng.int(0, 12)), String(rng.int(0, 99999)), '0', '00', '31', '32', '29', '1'.repeat(rng.int(1, 30)), '', '٣']);
    ls[at] = ls[at].slice(0, run.index!) + replacement + ls[at].slice(run.index! + run[0].length);
    return join(ls);
  },
  'change-date'(text, rng) {
    const ls = lines(text);
    const at = randomLine(rng, ls, hasDate);
    const line = ls[at];
    const words = [...line.matchAll(/[A-Za-z]{3,9}\.?|\d{1,4}|[-–—]/g)].filter((m) => line.lastIndexOf('(', m.index) !== -1);
    if (words.length === 0) return text;
    const word = rng.pick(words);
    const replacement = /\d/.test(word[0])
      ? String(rng.pick([0, 1, 7, 28, 29, 30, 31, 32, 99, 2023, 2024, 2025, rng.int(0, 40)]))
      : /[-–—]/.test(word[0])
        ? rng.pick(['', 'to', '–', '--', ' - ', ','])
        : rng.pick(MONTHS);
    ls[at] = line.slice(0, word.index!) + replacement + line.slice(word.index! + word[0].length);
    return join(ls);
  },
  'open-fence'(text, rng) {
    const ls = lines(text);
    ls.splice(rng.int(0, ls.length), 0, rng.pick(['```', '~~~', '```markdown', '    ```', '````', '```js `x`']));
    return join(ls);
  },
  'html-comment'(text, rng) {
    const ls = lines(text);
    const at = rng.int(0, ls.length);
    const what = rng.pick([
      '<!--',
      '-->',
      '<!-- note',
      '<!-- paper-list-disable -->',
      '<!-- paper-list-enable -->',
      '<!-- paper-list-disable-next-line row-number -->',
      '<!-- paper-list-disable toc, table-row',
      '<details>',
      '<div>',
    ]);
    ls.splice(at, 0, what);
    if (what === '<!--' && rng.chance(0.5)) ls.splice(Math.min(ls.length, at + rng.int(1, 60)), 0, '-->');
    return join(ls);
  },
  'line-endings'(text, rng) {
    const ls = lines(text);
    const mode = rng.int(0, 3);
    if (mode === 0) return text.replace(/\r?\n/g, '\r\n');
    if (mode === 1) return '\ufeff' + text;
    if (mode === 2) return text.replace(/\r\n/g, '\n');
    for (let i = 0; i < ls.length - 1; i++) if (rng.chance(0.3)) ls[i] = ls[i].endsWith('\r') ? ls[i].slice(0, -1) : ls[i] + '\r';
    return join(ls);
  },
  'garble-link'(text, rng) {
    const links = [...text.matchAll(/\[([^[\]\n]*)\]\(/g)];
    if (links.length === 0) return text;
    const link = rng.pick(links);
    const at = link.index!;
    const end = at + link[0].length;
    const replacement = rng.pick([
      `[${link[1]})](`,
      `[${link[1]}] (`,
      `[(${link[1]}](`,
      `[${link[1]},](`,
      `[](`,
      `[${link[1]}](`.slice(1),
      `[${link[1]}](#`,
      `[${link[1]}](https://example.com)(`,
      `[Tweet](`,
      `[Code](`,
      `[Paper]((`,
      `[${link[1]}](<`,
    ]);
    return text.slice(0, at) + replacement + text.slice(end);
  },
  'move-block'(text, rng) {
    const ls = lines(text);
    const start = randomLine(rng, ls, isHeading);
    const count = rng.int(1, 30);
    const block = ls.splice(start, count);
    ls.splice(rng.int(0, ls.length), 0, ...block);
    return join(ls);
  },
  'cut-text'(text, rng) {
    return text.slice(0, rng.int(0, text.length));
  },
  // A row's marker rewritten in another style, doubled, dropped or made unreadable (`#3`, `[3]`).
  'marker-style'(text, rng) {
    const ls = lines(text);
    const at = randomLine(rng, ls, (l) => /^\s*\|\s*(?:\*\*)?\(?\d/.test(l));
    const match = /^(\s*\|\s*(?:\*\*)?)(\(?\d{1,4}\s*(?:\)\.?|\.\)?|:|\s-)?)/.exec(ls[at]);
    if (!match) return text;
    const n = /\d+/.exec(match[2])?.[0] ?? '1';
    const marker = rng.pick([`${n})`, `(${n})`, `${n}.`, `**${n})**`, `${n} -`, `#${n}`, `[${n}]`, `${n})  (${n})`, '', `${n}-`, `${n}).`, `(${n}`]);
    ls[at] = match[1] + marker + ls[at].slice(match[0].length);
    return join(ls);
  },
  // A title or description left as a placeholder.
  'placeholder-text'(text, rng) {
    const ls = lines(text);
    const at = randomLine(rng, ls, (l) => /^\s*\|.*\*\*[^*]+\*\*/.test(l));
    const bold = /\*\*([^*|]+)\*\*/.exec(ls[at]);
    if (!bold) return text;
    const word = rng.pick(['XXX', 'xxxx', 'TODO', 'TBD', '...', 'Title', '', ' ']);
    const start = bold.index + 2;
    ls[at] = rng.chance(0.7)
      ? ls[at].slice(0, start) + word + ls[at].slice(start + bold[1].length)
      : ls[at].slice(0, start + bold[1].length + 2) + ` - ${word} ` + ls[at].slice(ls[at].indexOf('|', start));
    return join(ls);
  },
  // A link pasted into another link's target, closed or not: `[Tweet]([XXX](https://…))`, `[Paper]([url](url))`.
  'nest-link'(text, rng) {
    const links = [...text.matchAll(/\[([^[\]\n]*)\]\(([^()\s]*)\)/g)];
    if (links.length === 0) return text;
    const link = rng.pick(links);
    const url = link[2];
    const inner = rng.pick([`[XXX](${url})`, `[${url}](${url})`, `[](${url})`, `[Paper](${url})`, `[XXX](${url}`]);
    const close = rng.chance(0.8) ? ')' : '';
    return text.slice(0, link.index!) + `[${link[1]}](${inner}${close}` + text.slice(link.index! + link[0].length);
  },
  // A week label made eight days (Sunday to Sunday) or six, or every heading shifted to an eight-day convention.
  'week-length'(text, rng) {
    const ls = lines(text);
    const at = randomLine(rng, ls, (l) => isHeading(l) && hasDate(l));
    const m = /\(([A-Za-z]+\.?) (\d{1,2})/.exec(ls[at]);
    if (!m) return text;
    const day = Number(m[2]) + rng.pick([-1, 1]);
    if (day < 1 || day > 28) return text;
    ls[at] = ls[at].slice(0, m.index + 1) + `${m[1]} ${day}` + ls[at].slice(m.index + m[0].length);
    return join(ls);
  },
  // TOC entry text made malformed: a parenthesis dropped, the dates cut, or the dates of another week.
  'toc-text'(text, rng) {
    const ls = lines(text);
    const at = randomLine(rng, ls, isToc);
    const m = /^(\s*[-*+]\s+\[)([^\]]*)\]/.exec(ls[at]);
    if (!m) return text;
    const label = m[2];
    const broken = rng.pick([
      label.replace(/\)\s*$/, ''),
      label.replace(/\s*\(.*$/, ''),
      label.replace(/\d+/, (d) => String(Number(d) + 1)),
      label + ')',
      label.replace('(', ''),
    ]);
    ls[at] = m[1] + broken + ls[at].slice(m[1].length + label.length);
    return join(ls);
  },
  // Anchors: a `#…` link retyped, an HTML anchor added, or week headings renamed so the list has no weeks.
  anchors(text, rng) {
    const mode = rng.int(0, 2);
    if (mode === 0) {
      const links = [...text.matchAll(/\]\((\.?\/?#)([^)\s]*)\)/g)];
      if (links.length === 0) return text;
      const link = rng.pick(links);
      const anchor = link[2];
      const changed = rng.pick([anchor.slice(0, -1), anchor + 'x', anchor.replace(/-/, ''), 'top', '', 'user-content-' + anchor]);
      const at = link.index! + 2 + link[1].length;
      return text.slice(0, at) + changed + text.slice(at + anchor.length);
    }
    const ls = lines(text);
    if (mode === 1) {
      ls.splice(rng.int(0, ls.length), 0, rng.pick(['<a id="notes"></a>', '<a name="x-1">', '- [Notes](#notes)', '| [Paper](#notes) |']));
      return join(ls);
    }
    return join(ls.map((l) => (isHeading(l) && rng.chance(0.8) ? l.replace(/\bweek\b/gi, 'month') : l)));
  },
};

export const MUTATION_KINDS: readonly string[] = Object.keys(MUTATIONS);
