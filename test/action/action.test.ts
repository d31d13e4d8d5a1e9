// The GitHub Action run exactly as the runner runs it (test/support/action.ts): pushes and pull requests on a
// temporary git repository, only the new problems annotated, outputs, job summary, exit status, shallow checkouts, fix.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  INVENTED_LIST,
  REPOSITORY,
  TempRepo,
  addTwoMistakes,
  gitEnv,
  pullRequestEvent,
  pushEvent,
  runAction,
  type ActionRun,
  type Annotation,
} from '../support/action';
import { corpusFile, corpusSkip, distCli, makeTempDir, requireBuilt } from '../support/paths';
import type { JsonProblem } from '../../server/src/cli/formats';

const ZERO_SHA = '0'.repeat(40);

/** The CLI's own findings for a file: the independent measure of what the action should report. */
function cliProblems(file: string): JsonProblem[] {
  const result = spawnSync(process.execPath, [requireBuilt(distCli), 'check', '--format', 'json', file], { encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return JSON.parse(result.stdout) as JsonProblem[];
}

const fileAnnotations = (run: ActionRun) => run.annotations.filter((a) => a.properties.file !== undefined);
const describeRun = (run: ActionRun) => `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;

function assertMatchesProblem(annotation: Annotation, problem: JsonProblem, file = 'README.md'): void {
  assert.equal(annotation.command, problem.severity === 'error' ? 'error' : problem.severity === 'warning' ? 'warning' : 'notice');
  assert.deepEqual(annotation.properties, {
    title: `paper-list/${problem.rule}`,
    file,
    line: String(problem.line),
    endLine: String(problem.endLine),
    col: String(problem.column),
    endColumn: String(problem.endColumn),
  });
  assert.equal(annotation.message, problem.message);
}

describe('the GitHub Action, run as the runner runs it', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let counter = 0;
  const scratch = () => join(temp.dir, `run-${++counter}`);
  before(() => {
    temp = makeTempDir('paper-list-action-');
  });
  after(() => temp.remove());

  /** A repository whose README.md is `list`, then a push that adds two mistakes. */
  function pushedTwoMistakes(list: string) {
    const repo = new TempRepo(join(temp.dir, `repo-${++counter}`));
    copyFileSync(list, join(repo.dir, 'README.md'));
    const baseSha = repo.commit('Base list');
    const changed = addTwoMistakes(repo.read('README.md'));
    repo.write('README.md', changed.text);
    const headSha = repo.commit('Update README.md');
    return { repo, baseSha, headSha, mistakeLines: changed.lines };
  }

  const lists: [string, string, false | string][] = [
    ['an invented list', INVENTED_LIST, false],
    ['the 2025 corpus list', corpusFile('potw-2025-07-README.md'), corpusSkip],
  ];
  for (const [name, list, skip] of lists) {
    describe(`a push adding two mistakes to ${name}`, { skip }, () => {
      test('annotates exactly the two new problems, sets the outputs and the summary, and exits 0 with fail-on: error', async () => {
        const { repo, baseSha, headSha, mistakeLines } = pushedTwoMistakes(list);
        const oldProblems = cliProblems(list);
        assert.ok(oldProblems.length >= 5, `the list already has many problems (${oldProblems.length})`);
        const nowProblems = cliProblems(join(repo.dir, 'README.md'));
        const added = nowProblems.filter((p) => mistakeLines.includes(p.line));
        assert.deepEqual(
          added.map((p) => p.rule),
          ['link-label', 'row-number'],
          'the CLI sees the two mistakes',
        );

        const run = await runAction({ workspace: repo.dir, eventName: 'push', event: pushEvent(baseSha, headSha), scratch: scratch(), sha: headSha });
        assert.equal(run.code, 0, describeRun(run));
        assert.equal(run.annotations.length, 2, `exactly two annotations, no notice:\n${run.stdout}`);
        assertMatchesProblem(run.annotations[0], added[0]);
        assertMatchesProblem(run.annotations[1], added[1]);

        assert.deepEqual(run.outputs, { problems: String(nowProblems.length), 'new-problems': '2', errors: '0', fixed: 'false' });

        assert.match(run.summary, /<strong>2 new problems<\/strong> \(0 errors, 2 warnings, 0 other\)/);
        assert.match(run.summary, new RegExp(`since <code>${baseSha.slice(0, 7)}</code>; ${nowProblems.length} problems in all`));
        for (const line of mistakeLines)
          assert.ok(run.summary.includes(`href="https://github.com/${REPOSITORY}/blob/${headSha}/README.md#L${line}"`), `summary links line ${line}`);
        const ruleRow = (rule: string) => {
          const all = nowProblems.filter((p) => p.rule === rule).length;
          const fresh = added.filter((p) => p.rule === rule).length;
          return `<tr><td><code>${rule}</code></td><td>${fresh}</td><td>${all}</td></tr>`;
        };
        for (const rule of new Set(nowProblems.map((p) => p.rule))) assert.ok(run.summary.includes(ruleRow(rule)), `summary counts ${rule}: ${run.summary}`);
        assert.match(run.summary, /npx paper-list check --fix README\.md/, 'one sentence on what to do next');
      });

      test('the same push exits 1 with fail-on: warning, still with the two annotations', async () => {
        const { repo, baseSha, headSha } = pushedTwoMistakes(list);
        const run = await runAction({
          workspace: repo.dir,
          inputs: { 'fail-on': 'warning' },
          eventName: 'push',
          event: pushEvent(baseSha, headSha),
          scratch: scratch(),
          sha: headSha,
        });
        assert.equal(run.code, 1, describeRun(run));
        assert.equal(fileAnnotations(run).length, 2);
        assert.match(run.stdout, /^::error::paper-list: 2 new problems at or above fail-on: warning$/m);
      });

      test('only-new: false annotates every problem, as the CLI finds them', async () => {
        const { repo, baseSha, headSha } = pushedTwoMistakes(list);
        const run = await runAction({
          workspace: repo.dir,
          inputs: { 'only-new': 'false' },
          eventName: 'push',
          event: pushEvent(baseSha, headSha),
          scratch: scratch(),
          sha: headSha,
        });
        const nowProblems = cliProblems(join(repo.dir, 'README.md'));
        assert.equal(run.annotations.length, nowProblems.length, describeRun(run));
        run.annotations.forEach((annotation, i) => assertMatchesProblem(annotation, nowProblems[i]));
        assert.equal(run.outputs.problems, String(nowProblems.length));
        assert.equal(run.outputs['new-problems'], String(nowProblems.length));
        assert.equal(run.code, nowProblems.some((p) => p.severity === 'error') ? 1 : 0);
      });
    });
  }

  test('a pull_request compares with its base sha, not with the previous head', async () => {
    const repo = new TempRepo(join(temp.dir, `repo-${++counter}`));
    copyFileSync(INVENTED_LIST, join(repo.dir, 'README.md'));
    const baseSha = repo.commit('Base list');
    const first = addTwoMistakes(repo.read('README.md'));
    repo.write('README.md', first.text);
    const previousHead = repo.commit('First commit of the pull request');
    // The second commit adds an error: a placeholder paper link.
    repo.write('README.md', repo.read('README.md').replace('https://arxiv.org/abs/2501.20003', 'TODO'));
    const headSha = repo.commit('Second commit of the pull request');
    const event = { ...pullRequestEvent(baseSha, headSha), before: previousHead };

    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', event, scratch: scratch(), sha: headSha });
    assert.deepEqual(
      fileAnnotations(run).map((a) => [a.command, a.properties.title]),
      [
        ['error', 'paper-list/placeholder-link'],
        ['warning', 'paper-list/link-label'],
        ['warning', 'paper-list/row-number'],
      ],
      describeRun(run),
    );
    assert.equal(run.outputs['new-problems'], '3');
    assert.equal(run.outputs.errors, '1');
    assert.equal(run.code, 1, 'fail-on: error fails on the new error');
    assert.match(run.stdout, /^::error::paper-list: 1 new problem at or above fail-on: error$/m);
  });

  test('a problem that only moved down, and an old duplicate, are not new; a third copy of a problem is', async () => {
    const repo = new TempRepo(join(temp.dir, `repo-${++counter}`));
    const row = (n: number, title: string, id: number) =>
      `| ${n}) ${title}  What it does. | [Paper](https://arxiv.org/abs/2599.${String(id).padStart(5, '0')}), [Tweet](https://x.com/c/status/${id}) |`;
    const week = (dates: string, rows: string[]) => [
      `## Top ML Papers of the Week (${dates}) - 2025`,
      '| **Paper** | **Links** |',
      '| --- | --- |',
      ...rows,
      '',
    ];
    // Rows that differ but whose placeholder-link problems are identical: same rule, message and pointed-at text.
    const placeholderRow = (n: number, id: number) => `| ${n}) Unfinished Paper ${id}  Soon. | [Paper](xxx), [Tweet](https://x.com/c/status/${id}) |`;
    const baseText = [
      '# Invented list',
      '',
      ...week('June 9 - June 15', [row(1, 'Alpha Routing', 1), row(2, 'Beta Memory', 2)]),
      ...week('June 2 - June 8', [placeholderRow(1, 3), placeholderRow(2, 6)]),
    ].join('\n');
    repo.write('README.md', baseText);
    const baseSha = repo.commit('Base list');
    const changedText = [
      '# Invented list',
      '',
      ...week('June 16 - June 22', [row(1, 'Gamma Agents', 4), row(2, 'Delta Planning', 5)]),
      ...week('June 9 - June 15', [row(1, 'Alpha Routing', 1), row(2, 'Beta Memory', 2)]),
      ...week('June 2 - June 8', [placeholderRow(1, 3), placeholderRow(2, 6), placeholderRow(3, 7)]),
    ].join('\n');
    repo.write('README.md', changedText);
    const headSha = repo.commit('New week, and a third placeholder row');
    const now = cliProblems(join(repo.dir, 'README.md'));
    const placeholders = now.filter((p) => p.rule === 'placeholder-link');
    assert.equal(placeholders.length, 3);
    assert.equal(new Set(placeholders.map((p) => p.message)).size, 1, 'the three placeholder problems are identical but for the line');

    const run = await runAction({ workspace: repo.dir, eventName: 'push', event: pushEvent(baseSha, headSha), scratch: scratch(), sha: headSha });
    const fresh = fileAnnotations(run);
    assert.equal(
      fresh.filter((a) => a.properties.title === 'paper-list/placeholder-link').length,
      1,
      `one new placeholder of three, the two old ones moved down by 5 lines:\n${run.stdout}`,
    );
    assert.equal(run.outputs['new-problems'], String(fresh.length));
    assert.ok(Number(run.outputs.problems) > fresh.length, 'old problems are counted but not annotated');
  });

  test('a shallow checkout without the base commit says to set fetch-depth once, then reports everything', async () => {
    const origin = new TempRepo(join(temp.dir, `origin-${++counter}`));
    copyFileSync(INVENTED_LIST, join(origin.dir, 'README.md'));
    const baseSha = origin.commit('Base list');
    origin.write('README.md', addTwoMistakes(origin.read('README.md')).text);
    const headSha = origin.commit('Update README.md');
    const clone = join(temp.dir, `shallow-${counter}`);
    const cloned = spawnSync('git', ['clone', '-q', '--depth', '1', `file://${origin.dir}`, clone], { env: gitEnv(), encoding: 'utf8' });
    assert.equal(cloned.status, 0, cloned.stderr);

    const run = await runAction({ workspace: clone, eventName: 'push', event: pushEvent(baseSha, headSha), scratch: scratch(), sha: headSha });
    const messages = run.annotations.filter((a) => a.properties.file === undefined);
    assert.equal(messages.length, 1, `one message:\n${run.stdout}`);
    assert.equal(messages[0].command, 'warning');
    assert.match(messages[0].message, new RegExp(`base commit ${baseSha.slice(0, 7)} is not in this shallow checkout`));
    assert.match(messages[0].message, /Set `fetch-depth: 0` on the actions\/checkout step/);
    assert.match(messages[0].message, /Reporting all problems instead\.$/);
    const nowProblems = cliProblems(join(clone, 'README.md'));
    assert.equal(fileAnnotations(run).length, nowProblems.length, 'the fallback reports everything');
    assert.equal(run.outputs['new-problems'], String(nowProblems.length));
    assert.match(run.summary, /All are reported: the base commit .* shallow checkout/);
    assert.equal(run.code, 0, describeRun(run));
    assert.equal(run.stderr, '', 'no crash');
  });

  test('with no usable base (first push, workflow_dispatch, schedule) everything is reported, with a notice saying why', async () => {
    const repo = new TempRepo(join(temp.dir, `repo-${++counter}`));
    copyFileSync(INVENTED_LIST, join(repo.dir, 'README.md'));
    const headSha = repo.commit('First commit');
    const total = cliProblems(join(repo.dir, 'README.md')).length;
    const cases: [string, object, RegExp][] = [
      ['push', pushEvent(ZERO_SHA, headSha), /this push has no earlier commit to compare with/],
      ['workflow_dispatch', { inputs: {}, ref: 'refs/heads/main', repository: { full_name: REPOSITORY } }, /a workflow_dispatch has no base commit/],
      ['schedule', { schedule: '0 6 * * 1' }, /a schedule has no base commit/],
    ];
    for (const [eventName, event, reason] of cases) {
      const run = await runAction({ workspace: repo.dir, eventName, event, scratch: scratch(), sha: headSha });
      const notices = run.annotations.filter((a) => a.properties.file === undefined);
      assert.equal(notices.length, 1, `${eventName}: ${run.stdout}`);
      assert.equal(notices[0].command, 'notice');
      assert.match(notices[0].message, /^paper-list: reporting all problems: /);
      assert.match(notices[0].message, reason);
      assert.equal(fileAnnotations(run).length, total, eventName);
      assert.equal(run.code, 0);
    }
  });

  test('fix: true applies the safe fixes to the working tree and sets fixed=true; a second run has nothing to fix', async () => {
    const { repo, baseSha, headSha } = pushedTwoMistakes(INVENTED_LIST);
    const before = repo.read('README.md');
    // The CLI's --fix on a copy: what the action's fix must produce, byte for byte.
    const copy = join(temp.dir, `copy-${counter}.md`);
    writeFileSync(copy, before);
    spawnSync(process.execPath, [requireBuilt(distCli), 'check', '--fix', copy]);
    const expected = readFileSync(copy, 'utf8');
    assert.notEqual(expected, before, 'the list has safe fixes');

    const run = await runAction({
      workspace: repo.dir,
      inputs: { fix: 'true' },
      eventName: 'push',
      event: pushEvent(baseSha, headSha),
      scratch: scratch(),
      sha: headSha,
    });
    assert.equal(run.code, 0, describeRun(run));
    assert.equal(repo.read('README.md'), expected);
    assert.equal(run.outputs.fixed, 'true');
    assert.match(run.stdout, /paper-list: README\.md: applied \d+ fixes/);
    assert.deepEqual(
      fileAnnotations(run).map((a) => a.properties.title),
      ['paper-list/link-label'],
      'the fixed row number is no longer reported; the link label has no safe fix',
    );
    assert.equal(run.outputs.problems, String(cliProblems(join(repo.dir, 'README.md')).length));
    assert.match(run.summary, /Safe fixes were applied to <code>README\.md<\/code>/);

    const again = await runAction({
      workspace: repo.dir,
      inputs: { fix: 'true' },
      eventName: 'push',
      event: pushEvent(baseSha, headSha),
      scratch: scratch(),
      sha: headSha,
    });
    assert.equal(again.outputs.fixed, 'false');
    assert.equal(repo.read('README.md'), expected);
  });

  test('annotation properties and messages are escaped by GitHub rules (% \\r \\n : ,)', async () => {
    const repo = new TempRepo(join(temp.dir, `repo-${++counter}`));
    const name = 'lists/odd, name: 100%\nweek.md';
    repo.write(
      name,
      [
        '## Top ML Papers of the Week (June 9 - June 15) - 2025',
        '| **Paper** | **Links** |',
        '| --- | --- |',
        // A relative link to a file that does not exist, whose decoded name holds a CR LF, `%`, `:` and `,`.
        '| 1) Alpha Routing  What it does. | [Paper](https://arxiv.org/abs/2599.00001), [Data](data%0D%0Aset%2525%3A%2C.csv) |',
        '',
      ].join('\n'),
    );
    const headSha = repo.commit('An oddly named list');
    const run = await runAction({ workspace: repo.dir, inputs: { path: name }, eventName: 'workflow_dispatch', event: {}, scratch: scratch(), sha: headSha });
    const [annotation] = fileAnnotations(run);
    assert.ok(annotation, describeRun(run));
    assert.equal(annotation.properties.file, name);
    assert.equal(annotation.properties.title, 'paper-list/missing-file');
    assert.equal(annotation.message, 'Linked file "data\r\nset%25:,.csv" does not exist next to this document');
    const raw = run.stdout.split('\n').find((l) => l.includes('title=paper-list/missing-file'))!;
    assert.ok(raw.includes('file=lists/odd%2C name%3A 100%25%0Aweek.md,'), raw);
    assert.ok(raw.endsWith('::Linked file "data%0D%0Aset%2525:,.csv" does not exist next to this document'), raw);
    assert.match(run.summary, /lists\/odd, name: 100%\nweek\.md/, 'the summary names the file');
  });

  test('a workspace that is no git repository reports everything, with a notice saying why', async () => {
    const workspace = join(temp.dir, `plain-${++counter}`);
    mkdirSync(workspace);
    copyFileSync(INVENTED_LIST, join(workspace, 'README.md'));
    const run = await runAction({ workspace, eventName: 'push', event: pushEvent('a'.repeat(40), 'b'.repeat(40)), scratch: scratch(), sha: 'b'.repeat(40) });
    const notices = run.annotations.filter((a) => a.properties.file === undefined);
    assert.equal(notices.length, 1, run.stdout);
    assert.match(notices[0].message, /is not a git repository, so the base commit cannot be read/);
    assert.equal(fileAnnotations(run).length, cliProblems(join(workspace, 'README.md')).length);
    assert.equal(run.code, 0, describeRun(run));
  });

  test('a path that does not exist fails the step with one clear message', async () => {
    const repo = new TempRepo(join(temp.dir, `repo-${++counter}`));
    repo.write('notes.txt', 'no list here\n');
    const headSha = repo.commit('No list');
    const run = await runAction({ workspace: repo.dir, eventName: 'push', event: pushEvent(ZERO_SHA, headSha), scratch: scratch(), sha: headSha });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^::error::paper-list: the list could not be checked: README\.md: no such file$/m);
    assert.equal(run.stderr, '');
  });

  test('a bad input value fails the step with one clear message', async () => {
    const repo = new TempRepo(join(temp.dir, `repo-${++counter}`));
    copyFileSync(INVENTED_LIST, join(repo.dir, 'README.md'));
    const headSha = repo.commit('List');
    const run = await runAction({
      workspace: repo.dir,
      inputs: { 'fail-on': 'warnings' },
      eventName: 'push',
      event: pushEvent(ZERO_SHA, headSha),
      scratch: scratch(),
      sha: headSha,
    });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^::error::paper-list: input fail-on must be one of error, warning, never, not "warnings"$/m);
  });
});
