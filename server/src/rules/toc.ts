import type { PaperList, TocEntry, Week } from '../model/model';
import { weekAtHeading, weekLabel } from '../model/model';
import { tocEntryLine, tocEntryText, tocStyleOf } from '../model/toc';
import { insertAt, replaceSpan, type Fix, type Rule } from './rule';
import { toRange } from '../model/ranges';
import { checkTocAcrossFiles } from './tocAcrossFiles';
import { byDays, dayKey, lazyAnchorsOfWeeks, hasBrackets, unbalanced, sameDates, spacedAnchor } from './tocWeeks';

/** The entry's target with its anchor replaced, keeping the entry's own style (`./#`, `#`, a GitHub URL). */
function retarget(entry: TocEntry, anchor: string): Fix {
  const hash = entry.target.indexOf('#');
  const base = hash === -1 ? '' : entry.target.slice(0, hash);
  // An empty or anchorless target gets the `#anchor` form, which works in every GitHub view (`./#` fails in the file view).
  return { title: `Point the entry at #${anchor}`, edits: [replaceSpan(entry.link.targetSpan, `${base}#${anchor}`)] };
}

/** An entry's text for a week, keeping the entry's habit of writing or dropping the heading's year suffix. */
function entryText(entry: TocEntry, week: Week): string {
  return tocEntryText(tocStyleOf(entry), week.heading);
}

export const toc: Rule = {
  name: 'toc',
  description:
    'The table of contents links every week once, with anchors that exist and well-formed text whose dates match the heading; a misdirected entry is reported at both ends (the entry, and the week it names that no entry reaches); in a multi-file list, the index links every week of every file.',
  defaultSeverity: 'warning',
  fix: 'Points a broken or mismatched entry at the heading whose dates match its text (a copied entry whose text names a week listed elsewhere, or no week at all, gets the text of the week it points at); rewrites malformed entry text (unbalanced parentheses, no dates) from its heading; inserts the entry of a week missing from the TOC (in a multi-file list: into the index, in its `## <year>` group, in date order).',
  readsHeadingsOnly: true,
  check({ list }, report) {
    if (list.toc.length === 0) return;
    // Per week by its index: this runs over every entry and week whenever a heading or TOC line changes.
    const anchorByWeek = lazyAnchorsOfWeeks(list);
    const weeksByDays = byDays(list.weeks, (w) => w.dates);
    // The week whose heading dates match an entry's text; of repeated headings, the first (it owns the plain anchor).
    const weekForEntry = (entry: TocEntry) => (entry.dates ? weeksByDays.get(dayKey(entry.dates))?.find((w) => sameDates(w.dates!, entry.dates!)) : undefined);
    const listed = new Uint8Array(list.weeks.length);
    const unresolved: TocEntry[] = [];
    const firstEntryFor: (TocEntry | undefined)[] = new Array(list.weeks.length);
    const unreachable: { week: Week; entry: TocEntry; fix: Fix | undefined; why: string }[] = [];
    const entries = list.toc.map((entry) => {
      const line = entry.anchor ? list.anchors.get(entry.anchor.toLowerCase()) : undefined;
      return { entry, line, matching: weekForEntry(entry), pointed: line === undefined ? undefined : weekAtHeading(list, line) };
    });
    for (const { entry, line, matching, pointed } of entries) {
      // A link pasted into the target is placeholder-link's to report; a retarget would keep half of it.
      const fixTo = (week: Week | undefined) => (week && !entry.link.nested ? retarget(entry, anchorByWeek.get(week)!) : undefined);
      // A copied entry whose anchor was updated but not its text: the text's week is listed by another entry
      // and the week it points at by none. Retargeting would duplicate the other entry; the text is what is stale.
      const pointedAgrees = pointed && entry.dates && pointed.dates && sameDates(entry.dates, pointed.dates);
      const staleText =
        pointed &&
        matching &&
        !pointedAgrees &&
        entries.some((e) => e.entry !== entry && e.pointed === matching) &&
        !entries.some((e) => e.matching === pointed);
      if (!entry.anchor) {
        const target = entry.target.trim();
        report({
          range: toRange(entry.link.span),
          message:
            target === ''
              ? `TOC entry "${entry.text}" has an empty target${matching ? `; expected #${anchorByWeek.get(matching)}` : ''}`
              : `TOC entry "${entry.text}" links to "${target}", which has no #anchor`,
          fix: fixTo(matching),
        });
      } else if (line === undefined && matching && entry.anchor === spacedAnchor(list, matching)) {
        // Points at the anchor the heading gets once week-heading adds the missing space (`March4`): that rule reports it.
      } else if (line === undefined) {
        const fix = fixTo(matching);
        report({
          range: toRange(entry.link.targetSpan),
          message: `TOC entry "${entry.text}" points at #${entry.anchor}, which matches no heading${matching ? `; expected #${anchorByWeek.get(matching)}` : ''}`,
          related: matching && [{ range: toRange(matching.headingSpan), message: `Week ${weekLabel(matching)}, which the entry names` }],
          fix,
        });
        if (matching) unreachable.push({ week: matching, entry, fix, why: `points at #${entry.anchor}, which matches no heading` });
      } else if (staleText) {
        const text = entryText(entry, pointed);
        report({
          range: toRange(entry.link.labelSpan),
          message: `TOC entry "${entry.text}" points at week ${weekLabel(pointed)}, but its text names week ${weekLabel(matching)}, which the entry on line ${entries.find((e) => e.entry !== entry && e.pointed === matching)!.entry.line + 1} lists; expected the text "${text}"`,
          related: [{ range: toRange(pointed.headingSpan), message: `Week ${weekLabel(pointed)}` }],
          fix: hasBrackets(text) ? undefined : { title: `Change the entry text to "${text}"`, edits: [replaceSpan(entry.link.labelSpan, text)] },
        });
      } else if (pointed && entry.dates && pointed.dates && !sameDates(entry.dates, pointed.dates)) {
        // Text naming another week: the entry goes there; text naming no week: the text is what is wrong.
        const text = entryText(entry, pointed);
        const fix = matching
          ? fixTo(matching)
          : hasBrackets(text)
            ? undefined
            : { title: `Change the entry text to "${text}"`, edits: [replaceSpan(entry.link.labelSpan, text)] };
        report({
          range: toRange(entry.link.targetSpan),
          message: `TOC entry "${entry.text}" points at week ${weekLabel(pointed)}${matching ? `; expected #${anchorByWeek.get(matching)}` : `, whose dates differ from the entry text; expected the text "${text}"`}`,
          related: [
            { range: toRange(pointed.headingSpan), message: `Week ${weekLabel(pointed)}` },
            ...(matching ? [{ range: toRange(matching.headingSpan), message: `Week ${weekLabel(matching)}, which the entry names` }] : []),
          ],
          fix,
        });
        if (matching) unreachable.push({ week: matching, entry, fix, why: `points at week ${weekLabel(pointed)}` });
      } else if (pointed && (!entry.dates || unbalanced(entry.text))) {
        const text = entryText(entry, pointed);
        report({
          range: toRange(entry.link.labelSpan),
          message: `TOC entry text "${entry.text}" is malformed (${entry.dates ? 'unbalanced parentheses' : 'no dates'}); expected "${text}"`,
          related: [{ range: toRange(pointed.headingSpan), message: `Week ${weekLabel(pointed)}, which the entry links` }],
          fix:
            hasBrackets(text) || text === entry.text
              ? undefined
              : { title: `Change the entry text to "${text}"`, edits: [replaceSpan(entry.link.labelSpan, text)] },
        });
      }
      // The week the entry is meant for: the one its text names, else the one it points at.
      const intended = staleText || pointedAgrees ? pointed : (matching ?? pointed);
      if (!intended) {
        if (line === undefined) unresolved.push(entry);
        continue;
      }
      listed[intended.index] = 1;
      const earlier = firstEntryFor[intended.index];
      if (earlier) {
        report({
          range: toRange(entry.link.span),
          message: `TOC entry "${entry.text}" repeats the entry on line ${earlier.line + 1} (both for week ${weekLabel(intended)})`,
          related: [{ range: toRange(earlier.link.span), message: 'Earlier entry' }],
        });
      } else {
        firstEntryFor[intended.index] = entry;
      }
    }
    // The other end of a misdirected entry: the week it names, which no entry reaches.
    const reached = new Uint8Array(list.weeks.length);
    for (const { pointed } of entries) if (pointed) reached[pointed.index] = 1;
    const reported = new Set<Week>();
    for (const { week, entry, fix, why } of unreachable) {
      if (reached[week.index] || reported.has(week)) continue;
      reported.add(week);
      report({
        range: toRange(week.headingSpan),
        message: `Week ${weekLabel(week)} is not reachable from the table of contents: its entry on line ${entry.line + 1} ${why}`,
        related: [{ range: toRange(entry.link.span), message: 'The entry for this week' }],
        fix,
      });
    }
    const missing: { week: Week; newer?: TocEntry; older?: TocEntry }[] = [];
    // Each week's nearest entries above and below: one pass each, not one per week.
    const newerEntries: (TocEntry | undefined)[] = [];
    for (let i = 0, last: TocEntry | undefined; i < list.weeks.length; i++) {
      newerEntries.push(last);
      last = firstEntryFor[i] ?? last;
    }
    const olderEntries: (TocEntry | undefined)[] = new Array(list.weeks.length);
    for (let i = list.weeks.length - 1, last: TocEntry | undefined; i >= 0; i--) {
      olderEntries[i] = last;
      last = firstEntryFor[i] ?? last;
    }
    for (const week of list.weeks) {
      // A repeated heading (week-heading reports it) gets no entry of its own: it would duplicate the first's.
      if (
        listed[week.index] ||
        (week.dates && weeksByDays.get(dayKey(week.dates))!.some((w) => w !== week && listed[w.index] && sameDates(w.dates!, week.dates!)))
      )
        continue;
      // A broken entry where this week's entry belongs is probably it: inserting another would duplicate it.
      const newerEntry = newerEntries[week.index];
      const olderEntry = olderEntries[week.index];
      const candidate = unresolved.find((e) => (!newerEntry || e.line > newerEntry.line) && (!olderEntry || e.line < olderEntry.line));
      if (candidate) {
        report({
          range: toRange(week.headingSpan),
          message: `Week ${weekLabel(week)} has no working entry in the table of contents; the entry on line ${candidate.line + 1} ("${candidate.text}") matches no heading`,
          related: [{ range: toRange(candidate.link.span), message: 'Broken entry' }],
        });
      } else {
        missing.push({ week, newer: newerEntry, older: olderEntry });
      }
    }
    // Missing weeks that go in at the same place share one fix inserting them all in order: inserts at one point
    // cannot be applied separately, so one fix per week would need a fix-all pass per week.
    const groups = new Map<TocEntry | undefined, typeof missing>();
    for (const m of missing) {
      const key = m.older ?? m.newer;
      const group = groups.get(key);
      if (group) group.push(m);
      else groups.set(key, [m]);
    }
    for (const group of groups.values()) {
      // A heading with brackets would not read back as an entry's link text: inserting it would repeat forever.
      const insertable = group.filter((m) => !hasBrackets(m.week.heading));
      const fix =
        insertable.length > 0
          ? insertEntries(
              list,
              insertable.map((m) => ({ week: m.week, anchor: anchorByWeek.get(m.week)! })),
              group[0].newer,
              group[0].older,
            )
          : undefined;
      for (const m of group)
        report({
          range: toRange(m.week.headingSpan),
          message: `Week ${weekLabel(m.week)} has no entry in the table of contents`,
          fix: insertable.includes(m) ? fix : undefined,
        });
    }
  },
  checkList: checkTocAcrossFiles,
};

/** Inserts the weeks' entries (newest first, as the TOC lists them) next to their neighbour's, in the neighbour's style. */
function insertEntries(
  list: PaperList,
  weeks: readonly { week: Week; anchor: string }[],
  newer: TocEntry | undefined,
  older: TocEntry | undefined,
): Fix | undefined {
  const model = older ?? newer;
  if (!model) return undefined;
  // Lists that drop the heading's year suffix in TOC entries keep doing so.
  const style = tocStyleOf(model);
  const texts = weeks.map(({ week }) => tocEntryText(style, week.heading));
  const lines = weeks.map(({ anchor }, i) => tocEntryLine(style, texts[i], anchor));
  // The neighbour's own line break, so a mixed CRLF/LF file keeps every existing line's ending.
  const eol = eolOf(list, model.line) ?? list.lines.eol;
  const title =
    weeks.length === 1
      ? `Add "${texts[0]}" to the table of contents`
      : `Add the ${weeks.length} missing weeks ${texts[0]} … ${texts[texts.length - 1]} to the table of contents`;
  if (older) return { title, edits: [insertAt(older.line, 0, lines.map((l) => l + eol).join(''))] };
  return { title, edits: [insertAt(newer!.line, list.lines.lineLength(newer!.line), lines.map((l) => eol + l).join(''))] };
}

function eolOf(list: PaperList, line: number): string | undefined {
  if (line + 1 >= list.lines.lineCount) return undefined;
  return list.lines.lineBreak(line);
}
