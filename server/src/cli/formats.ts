// CLI output formats. Lines and columns are 1-based here; the model's are 0-based.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isAbsolute, relative } from 'node:path';
import type { Finding } from '../analysis';
import { RULES, RULES_DOC_URL } from '../rules/index';

export interface FileReport {
  readonly file: string;
  readonly problems: readonly Finding[];
}

export type Format = 'text' | 'json' | 'github' | 'sarif';
export const FORMATS: readonly Format[] = ['text', 'json', 'github', 'sarif'];

export interface JsonProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
  fixable: boolean;
}

function toJsonProblems(reports: readonly FileReport[]): JsonProblem[] {
  return reports.flatMap((r) =>
    r.problems.map((p) => ({
      file: r.file,
      line: p.range.start.line + 1,
      column: p.range.start.character + 1,
      endLine: p.range.end.line + 1,
      endColumn: p.range.end.character + 1,
      severity: p.severity,
      rule: p.rule,
      message: p.message,
      fixable: p.fix !== undefined,
    })),
  );
}

export function formatReports(format: Format, reports: readonly FileReport[], version: string): string {
  switch (format) {
    case 'json':
      return JSON.stringify(toJsonProblems(reports), null, 2) + '\n';
    case 'github':
      return toJsonProblems(reports)
        .map(
          (p) =>
            `::${p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice'} file=${escapeProperty(p.file)},line=${p.line},col=${p.column},endLine=${p.endLine},endColumn=${p.endColumn},title=${escapeProperty(p.rule)}::${escapeData(p.message)}\n`,
        )
        .join('');
    case 'sarif':
      return JSON.stringify(toSarif(reports, version), null, 2) + '\n';
    case 'text':
      return toJsonProblems(reports)
        .map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule} ${p.message}${p.fixable ? ' (fixable)' : ''}\n`)
        .join('');
  }
}

// GitHub workflow command escaping (actions/toolkit `command.ts`).
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function toSarif(reports: readonly FileReport[], version: string): object {
  const cwd = process.cwd();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'paper-list',
            version,
            informationUri: RULES_DOC_URL,
            rules: RULES.map((r) => ({
              id: r.name,
              name: r.name,
              shortDescription: { text: r.description },
              helpUri: `${RULES_DOC_URL}`,
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd + '/').href } },
        results: reports.flatMap((r) =>
          r.problems.map((p) => {
            const ruleIndex = RULES.findIndex((rule) => rule.name === p.rule);
            const location = (range: Finding['range'], file = r.file) => {
              const rel = relative(cwd, file).split('\\').join('/');
              return {
                physicalLocation: {
                  // A URI reference, so each path segment is percent-encoded (spaces, `#`, `%` in file names).
                  artifactLocation:
                    rel.startsWith('..') || isAbsolute(rel)
                      ? { uri: pathToFileURL(r.file).href }
                      : { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' },
                  region: {
                    startLine: range.start.line + 1,
                    startColumn: range.start.character + 1,
                    endLine: range.end.line + 1,
                    endColumn: range.end.character + 1,
                  },
                },
              };
            };
            return {
              ruleId: p.rule,
              ...(ruleIndex >= 0 ? { ruleIndex } : {}),
              level: SARIF_LEVEL[p.severity],
              message: { text: p.message },
              locations: [location(p.range)],
              ...(p.related && p.related.length > 0
                ? {
                    relatedLocations: p.related.map((rel, id) => ({
                      id,
                      ...location(rel.range, rel.uri?.startsWith('file:') ? fileURLToPath(rel.uri) : r.file),
                      message: { text: rel.message },
                    })),
                  }
                : {}),
            };
          }),
        ),
      },
    ],
  };
}
