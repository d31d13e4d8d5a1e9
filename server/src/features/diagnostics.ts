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

/** Frozen: a finding unchanged since the last version keeps its diagnostic, and the transport may encode it once (node/messageEncoder.ts). */
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

/** Converted once per document state (one per version): the publisher and a re-check of the same version share it. */
const ofState = new WeakMap<DocumentState, Diagnostic[]>();

export function diagnosticsOf(state: DocumentState): Diagnostic[] {
  if (!state.isPaperList) return [];
  let diagnostics = ofState.get(state);
  if (!diagnostics) ofState.set(state, (diagnostics = state.analysis.problems.map((p) => diagnosticOf(state.uri, p))));
  return diagnostics;
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
