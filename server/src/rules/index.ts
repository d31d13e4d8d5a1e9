// The rule registry, in documentation order. The README's rule table and the settings schema are generated from it (npm run docs).
import type { Rule } from './rule';
import { rowNumber } from './row-number';
import { duplicateTitle } from './duplicate-title';
import { duplicatePaper } from './duplicate-paper';
import { placeholderLink } from './placeholder-link';
import { placeholderText } from './placeholder-text';
import { missingFile } from './missing-file';
import { anchorLink } from './anchor-link';
import { tableRow } from './table-row';
import { weekHeading } from './week-heading';
import { weekSequence } from './week-sequence';
import { toc } from './toc';
import { relativeAnchor } from './relative-anchor';
import { linkLabel } from './link-label';
import { missingLink } from './missing-link';
import { unfinishedWeek } from './unfinished-week';

export const RULES: readonly Rule[] = [
  rowNumber,
  duplicateTitle,
  duplicatePaper,
  placeholderLink,
  placeholderText,
  missingFile,
  anchorLink,
  tableRow,
  weekHeading,
  weekSequence,
  toc,
  relativeAnchor,
  linkLabel,
  missingLink,
  unfinishedWeek,
];

/** Where each rule is documented: its row in the README's rule table. */
export const RULES_DOC_URL = 'https://github.com/paper-list-curator/paper-list-curator#rules';

export function ruleDocUrl(rule: string): string {
  return `${RULES_DOC_URL}-${rule}`;
}
