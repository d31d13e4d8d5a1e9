// The rule registry, in documentation order. The README's rule table is generated from it (npm run docs).
import type { Rule } from './rule';
import { rowNumber } from './rowNumber';
import { duplicatePaper, duplicateTitle } from './duplicates';
import { linkLabel, missingFile, missingLink, placeholderLink } from './links';
import { tableRow } from './tableRow';
import { weekHeading, weekSequence } from './weeks';
import { toc } from './toc';

export const RULES: readonly Rule[] = [
  rowNumber,
  duplicateTitle,
  duplicatePaper,
  placeholderLink,
  missingFile,
  tableRow,
  weekHeading,
  weekSequence,
  toc,
  linkLabel,
  missingLink,
];

export const RULE_NAMES: readonly string[] = RULES.map((r) => r.name);

export function ruleByName(name: string): Rule | undefined {
  return RULES.find((r) => r.name === name);
}
