import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Finding } from '../analysis';
import type { DocumentState } from '../service';
import type { Severity } from '../rules/rule';
import { ruleDocUrl } from '../rules/index';

const SOURCE = 'paper-list';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Frozen: a finding unchanged since the last version keeps its diagnostic, and the transport may encode it once
 * (node/messageEncoder.ts). The range comes first and everything after it is a function of the rule, severity and
 * message unless there is related information: diagnosticJson relies on both.
 */
export function toDiagnostic(uri: string, problem: Finding): Diagnostic {
  return Object.freeze({
    range: problem.range,
    severity: SEVERITY[problem.severity],
    code: problem.rule,
    codeDescription: codeDescriptionOf(problem.rule),
    source: SOURCE,
    message: problem.message,
    relatedInformation: problem.related?.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message })),
  });
}

/** Each finding's diagnostic: an analysis keeps the finding objects of the problems an edit left alone (analysis.ts). */
const ofFinding = new WeakMap<Finding, { readonly uri: string; readonly diagnostic: Diagnostic }>();

function diagnosticOf(uri: string, problem: Finding): Diagnostic {
  const known = ofFinding.get(problem);
  if (known?.uri === uri) return known.diagnostic;
  const diagnostic = toDiagnostic(uri, problem);
  ofFinding.set(problem, { uri, diagnostic });
  return diagnostic;
}

/**
 * Converted once per problems array: a document state per version, and in a multi-file list the same array for a file
 * an edit elsewhere left alone (list/listAnalysis.ts), whose publish then compares nothing but the array.
 */
const ofProblems = new WeakMap<readonly Finding[], { readonly uri: string; readonly diagnostics: Diagnostic[] }>();

export function diagnosticsOf(state: DocumentState): Diagnostic[] {
  if (!state.isPaperList) return [];
  const problems = state.analysis.problems;
  let known = ofProblems.get(problems);
  if (known?.uri !== state.uri) ofProblems.set(problems, (known = { uri: state.uri, diagnostics: problems.map((p) => diagnosticOf(state.uri, p)) }));
  return known.diagnostics;
}

/** What follows the range in a diagnostic's JSON, per message: the fields it is a function of, and the JSON text. */
interface Tail {
  readonly code: Diagnostic['code'];
  readonly severity: Diagnostic['severity'];
  readonly codeDescription: Diagnostic['codeDescription'];
  readonly source: Diagnostic['source'];
  readonly json: string;
}

const tails = new Map<string, Tail>();
/** Enough for every problem of a 10 MB list; past it the map starts over rather than hold messages no list has any more. */
const MAX_TAILS = 20_000;

/**
 * JSON.stringify(diagnostic), for a diagnostic met the first time. A week that moved gets new diagnostics that differ
 * from its previous ones only in their lines: the range is written by hand and the rest, keyed by the message, is the
 * text written for the same message before (one JSON.stringify per new message instead of one per diagnostic).
 */
export function diagnosticJson(diagnostic: Diagnostic): string {
  const message = diagnostic.message;
  if (diagnostic.relatedInformation !== undefined || typeof message !== 'string') return JSON.stringify(diagnostic);
  let tail = tails.get(message);
  if (
    !tail ||
    tail.code !== diagnostic.code ||
    tail.severity !== diagnostic.severity ||
    tail.codeDescription !== diagnostic.codeDescription ||
    tail.source !== diagnostic.source
  ) {
    const { range: _range, ...rest } = diagnostic;
    const json = JSON.stringify(rest);
    // An empty rest (not one of ours) has no tail to join.
    if (json === '{}') return JSON.stringify(diagnostic);
    tail = {
      code: diagnostic.code,
      severity: diagnostic.severity,
      codeDescription: diagnostic.codeDescription,
      source: diagnostic.source,
      json: json.slice(1),
    };
    if (tails.size >= MAX_TAILS) tails.clear();
    tails.set(message, tail);
  }
  const { start, end } = diagnostic.range;
  return `{"range":{"start":{"line":${start.line},"character":${start.character}},"end":{"line":${end.line},"character":${end.character}}},${tail.json}`;
}

/** Whether an editor-side diagnostic is the one we published for this problem. */
export function isDiagnosticOf(diagnostic: Diagnostic, problem: Finding): boolean {
  return (
    diagnostic.code === problem.rule &&
    diagnostic.message === problem.message &&
    diagnostic.range.start.line === problem.range.start.line &&
    diagnostic.range.start.character === problem.range.start.character
  );
}

/** One frozen link to a rule's documentation, shared by its diagnostics. */
const codeDescriptions = new Map<string, { readonly href: string }>();

function codeDescriptionOf(rule: string): { readonly href: string } {
  let description = codeDescriptions.get(rule);
  if (!description) codeDescriptions.set(rule, (description = Object.freeze({ href: ruleDocUrl(rule) })));
  return description;
}
