// A deterministic, invented paper list in the "ML Papers of the Week" shape, for the benchmark and the
// incremental-analysis test: the same seed and size always give the same text. Titles, descriptions and
// links are made up from word lists; a few typical mistakes are sprinkled in so diagnostics are not empty.
// Usage: node --import tsx bench/generate.ts [weeks] [out.md]   (default 1,300 weeks, about 10 MB, to stdout)
import { writeFileSync } from 'node:fs';

export interface GenerateOptions {
  /** Number of weeks (ten rows each); 1,300 gives about 10 MB. */
  readonly weeks?: number;
  readonly seed?: number;
}

/** Small, fast, seedable PRNG (mulberry32); the benchmark's edits use it too. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const NOUNS = [
  'Transformers',
  'Agents',
  'Diffusion',
  'Reasoning',
  'Retrieval',
  'Memory',
  'Alignment',
  'Tokenizers',
  'Experts',
  'Planning',
  'Distillation',
  'Benchmarks',
  'Graphs',
  'Vision',
  'Speech',
  'Robots',
  'Compilers',
  'Proofs',
  'Search',
  'Caches',
];
const ADJECTIVES = [
  'Sparse',
  'Recursive',
  'Self-Taught',
  'Efficient',
  'Scalable',
  'Grounded',
  'Multimodal',
  'Causal',
  'Adaptive',
  'Quantized',
  'Latent',
  'Modular',
  'Verified',
  'Streaming',
  'Federated',
  'Tiny',
];
const WORDS =
  'the a model method framework proposes introduces shows that large language training data tasks performance improves across benchmarks while reducing cost compute memory latency with simple scalable approach results outperform prior work on reasoning code math agents evaluation'.split(
    ' ',
  );

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(random, WORDS));
  out[0] = out[0][0].toUpperCase() + out[0].slice(1);
  return out.join(' ') + '.';
}

function arxivId(paper: number): string {
  return `${2000 + (paper % 900)}.${String(10000 + paper).slice(-5)}`;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(month: number, year: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month];
}

interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function addDays(d: Day, n: number): Day {
  let { year, month, day } = d;
  day += n;
  while (day < 1) {
    month--;
    if (month < 0) {
      month = 11;
      year--;
    }
    day += daysIn(month, year);
  }
  while (day > daysIn(month, year)) {
    day -= daysIn(month, year);
    month++;
    if (month > 11) {
      month = 0;
      year++;
    }
  }
  return { year, month, day };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/** The list's text: title, preamble, a TOC grouped by year, then the weeks newest first, then a short tail. */
export function generateList(options: GenerateOptions = {}): string {
  const weekCount = options.weeks ?? 1300;
  const random = rng(options.seed ?? 20250629);
  // The newest week is Monday June 23 - Sunday June 29, 2025; older weeks go back from there.
  const newestStart: Day = { year: 2025, month: 5, day: 23 };
  const weeks: { heading: string; tocText: string; year: number }[] = [];
  for (let w = 0; w < weekCount; w++) {
    const start = addDays(newestStart, -7 * w);
    const end = addDays(start, 6);
    const dates = `${MONTHS[start.month]} ${start.day} - ${MONTHS[end.month]} ${end.day}`;
    weeks.push({ heading: `Top ML Papers of the Week (${dates}) - ${end.year}`, tocText: `Top ML Papers of the Week (${dates})`, year: end.year });
  }

  const out: string[] = [];
  out.push(
    '# ML Papers of The Week, generated',
    '',
    'An invented list for benchmarks: every title, description and link below is made up.',
    '',
    'Here is the weekly series:',
    '',
  );
  let year: number | undefined;
  for (const week of weeks) {
    if (week.year !== year) {
      if (year !== undefined) out.push('');
      year = week.year;
      out.push(`## ${year}`);
    }
    out.push(`- [${week.tocText}](./#${slug(week.heading)})`);
  }
  out.push('', '---', '');

  let paper = 0;
  for (let w = 0; w < weeks.length; w++) {
    out.push(`## ${weeks[w].heading}`);
    out.push('| **Paper**  | **Links** |', '| ------------- | ------------- |');
    for (let r = 1; r <= 10; r++) {
      paper++;
      const title = `${pick(random, ADJECTIVES)} ${pick(random, NOUNS)} for ${pick(random, NOUNS)} ${paper.toString(36).toUpperCase()}`;
      const id = arxivId(paper);
      let paperUrl = `https://arxiv.org/abs/${id}`;
      let number = `${r})`;
      let trailing = ' |';
      // Typical mistakes, deterministic by position: about one problem every three weeks.
      if (w % 7 === 3 && r === 6) number = '7)';
      if (w % 11 === 5 && r === 2) paperUrl = '#';
      if (w % 13 === 8 && r === 9) trailing = '';
      if (w % 17 === 4 && r === 4) paperUrl = `https://arxiv.org/pdf/${arxivId(paper - 25)}v2`; // the same paper as a row two weeks newer
      const description =
        w % 2 === 0
          ? `**${title}** - ${sentence(random, 55 + Math.floor(random() * 30))}`
          : `${title}  ${sentence(random, 35)}  <br>● ${sentence(random, 25)} <br>● ${sentence(random, 25)}`;
      out.push(
        `| ${number} ${description} | [Paper](${paperUrl}), [Tweet](https://x.com/dair_ai/status/${1600000000000000000n + BigInt(paper * 7919)})${trailing}`,
      );
    }
    out.push('');
    out.push('---', '');
  }
  out.push('We use a combination of tools and human curation to build the lists of papers.', '');
  return out.join('\n');
}

if (process.argv[1] && /generate\.ts$/.test(process.argv[1])) {
  const weeks = process.argv[2] ? Number(process.argv[2]) : undefined;
  const text = generateList({ weeks });
  if (process.argv[3]) writeFileSync(process.argv[3], text);
  else process.stdout.write(text);
}
