// The GitHub Action (action.yml runs the bundle of this file): checks the list, annotates the problems a push or
// pull request introduced, writes the job summary and the outputs, optionally applies the safe fixes.
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { checkFiles, type CheckResult } from '../cli/check';
import type { Severity } from '../rules/rule';
import { Git, baseOfEvent, checkBaseAvailable, repositoryPath, repositoryPrefix, sourceAtCommit } from './git';
import { allProblems, newProblems, type LocatedProblem } from './newProblems';
import { summaryHtml } from './summary';

const FAIL_ON = ['error', 'warning', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];

/** A bad input value: told as one line, no stack trace. */
class InputError extends Error {}

interface Inputs {
  readonly path: string;
  readonly onlyNew: boolean;
  readonly failOn: FailOn;
  readonly fix: boolean;
}

function readInputs(): Inputs {
  const failOn = core.getInput('fail-on').trim() || 'error';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new InputError(`input fail-on must be one of ${FAIL_ON.join(', ')}, not "${failOn}"`);
  return {
    path: core.getInput('path').trim() || 'README.md',
    onlyNew: booleanInput('only-new', core.getInput('only-new'), true),
    failOn: failOn as FailOn,
    fix: booleanInput('fix', core.getInput('fix'), false),
  };
}

function booleanInput(name: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim().toLowerCase();
  if (value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InputError(`input ${name} must be true or false, not "${raw}"`);
}

const ANNOTATE: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

function failsOn(failOn: FailOn, severity: Severity): boolean {
  return failOn === 'error' ? severity === 'error' : failOn === 'warning' ? severity === 'error' || severity === 'warning' : false;
}

/** The check's progress lines ("applied 3 fixes") into the log. */
const logLines = (s: string) => s.split('\n').forEach((line) => line.length > 0 && core.info(line));

interface Base {
  readonly sha?: string;
  readonly reason?: string;
  readonly result?: CheckResult;
}

/** The same list checked at the base commit; never throws: a missing base is a reason to report everything. */
async function checkAtBase(git: Git, prefix: string | undefined, files: readonly string[]): Promise<Base> {
  const eventName = process.env.GITHUB_EVENT_NAME ?? '';
  let payload = {};
  const eventPath = process.env.GITHUB_EVENT_PATH;
  if (eventPath) {
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8'));
    } catch (error) {
      return { reason: `the event payload ${eventPath} cannot be read (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  const choice = baseOfEvent(eventName, payload);
  if ('reason' in choice) return { reason: choice.reason };
  if (prefix === undefined) return { reason: `${process.cwd()} is not a git repository, so the base commit cannot be read` };
  const available = checkBaseAvailable(git, choice.sha);
  if (!available.ok) return { reason: available.reason };
  try {
    // A file the list did not have at the base commit has no old problems: the check skips it, so all of its problems are new.
    const result = await checkFiles(files, { source: sourceAtCommit(git, prefix, choice.sha), stderr: () => {}, wholeList: true });
    return { sha: choice.sha, result };
  } catch (error) {
    return { reason: `the list at the base commit ${choice.sha.slice(0, 7)} could not be checked (${error instanceof Error ? error.message : String(error)})` };
  }
}

export async function run(): Promise<void> {
  const workspace = process.env.GITHUB_WORKSPACE;
  if (workspace) process.chdir(workspace);
  const inputs = readInputs();
  const git = new Git(process.cwd());
  const inRepository = repositoryPrefix(git);
  const prefix = 'prefix' in inRepository ? inRepository.prefix : undefined;
  // Outside a git repository, paths are relative to the workspace.
  const pathOf = (file: string) => repositoryPath(prefix ?? '', file);

  const current = await checkFiles([inputs.path], { fix: inputs.fix, stderr: logLines, wholeList: true });

  const all = allProblems(current.reports);
  let reported: LocatedProblem[] = all;
  let base: Base = {};
  if (inputs.onlyNew) {
    base = await checkAtBase(git, prefix, [inputs.path]);
    if (base.result) reported = newProblems(current.reports, base.result.reports);
    else if (base.reason?.includes('fetch-depth')) core.warning(`paper-list: ${base.reason}. Reporting all problems instead.`);
    else core.notice(`paper-list: reporting all problems: ${base.reason}.`);
  }

  for (const { file, problem } of reported) {
    core[ANNOTATE[problem.severity]](problem.message, {
      title: `paper-list/${problem.rule}`,
      file: pathOf(file),
      startLine: problem.range.start.line + 1,
      endLine: problem.range.end.line + 1,
      startColumn: problem.range.start.character + 1,
      endColumn: problem.range.end.character + 1,
    });
  }

  const fixed = current.fixedFiles.length > 0;
  core.setOutput('problems', all.length);
  core.setOutput('new-problems', reported.length);
  core.setOutput('errors', reported.filter((p) => p.problem.severity === 'error').length);
  core.setOutput('fixed', fixed);

  const repository = process.env.GITHUB_REPOSITORY;
  const sha = process.env.GITHUB_SHA;
  const server = process.env.GITHUB_SERVER_URL || 'https://github.com';
  if (process.env.GITHUB_STEP_SUMMARY) {
    const html = summaryHtml({
      reported,
      all,
      baseSha: base.sha,
      allReason: inputs.onlyNew ? base.reason : 'only-new is false',
      files: current.reports.map((r) => r.file),
      blobUrl: repository && sha ? `${server}/${repository}/blob/${sha}` : undefined,
      repositoryPath: pathOf,
      fixEnabled: inputs.fix,
      fixedFiles: current.fixedFiles,
    });
    await core.summary.addRaw(html).write();
  }

  if (current.failed) {
    core.setFailed(`paper-list: the list could not be checked: ${current.errors.join('; ')}`);
    return;
  }
  const failing = reported.filter((p) => failsOn(inputs.failOn, p.problem.severity)).length;
  if (failing > 0) {
    const what = base.sha ? 'new problem' : 'problem';
    core.setFailed(`paper-list: ${failing} ${what}${failing === 1 ? '' : 's'} at or above fail-on: ${inputs.failOn}`);
  }
}

run().catch((error: unknown) => {
  if (error instanceof InputError) core.setFailed(`paper-list: ${error.message}`);
  else core.setFailed(`paper-list: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
});
