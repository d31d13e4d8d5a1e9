// The pre-commit hook (.pre-commit-hooks.yaml) through Debian's pre-commit, as a user's `pre-commit try-repo` runs it:
// a failing commit check on a list with an error, a passing one on a clean list. Skipped with a reason without pre-commit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { TempRepo, gitEnv } from '../support/action';
import { makeTempDir, repoRoot } from '../support/paths';
import { row } from '../support/lists';

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const inGit = spawnSync('git', ['rev-parse', '--git-dir'], { cwd: repoRoot }).status === 0;
const skip: false | string =
  (preCommit.status !== 0 && 'pre-commit is not installed (apt-get install pre-commit; .ci/run does)') ||
  (!inGit && `${repoRoot} is not a git checkout, which pre-commit try-repo needs`);

const list = (paperLink: string) =>
  [
    '# Reading list',
    '',
    '## Top ML Papers of the Week (June 9 - June 15) - 2025',
    '| **Paper** | **Links** |',
    '| --- | --- |',
    row('1)', 'Alpha Routing', 1, paperLink),
    row('2)', 'Beta Memory', 2),
    '',
  ].join('\n');

describe('the pre-commit hook', { skip }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  before(() => {
    temp = makeTempDir('paper-list-pre-commit-');
  });
  after(() => temp.remove());

  function tryRepo(files: Record<string, string>) {
    const repo = new TempRepo(join(temp.dir, `repo-${Object.keys(files).join('-').replace(/\W/g, '')}-${Math.random().toString(36).slice(2)}`));
    for (const [name, text] of Object.entries(files)) repo.write(name, text);
    repo.git('add', '-A');
    const env = {
      ...gitEnv(),
      PRE_COMMIT_HOME: join(temp.dir, 'pre-commit-home'),
      // The hook's script runs with the node on the PATH, as on a user's machine.
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    };
    return spawnSync('pre-commit', ['try-repo', repoRoot, 'paper-list', '--all-files'], { cwd: repo.dir, env, encoding: 'utf8' });
  }

  test('fails on a staged list with an error, naming the problem', () => {
    const result = tryRepo({ 'README.md': list('xxx'), 'notes.txt': 'not Markdown, not checked: [Paper](xxx)\n' });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /paper-list check\.+Failed/);
    assert.match(result.stdout, /^README\.md:6:\d+ error placeholder-link Link \[Paper\] is the placeholder "xxx"; expected a URL$/m);
    assert.doesNotMatch(result.stdout, /notes\.txt/);
  });

  test('passes on a clean list and on Markdown that is no paper list', () => {
    const result = tryRepo({ 'README.md': list('https://arxiv.org/abs/2506.00001'), 'docs/CONTRIBUTING.md': '# Contributing\n\nSend a pull request.\n' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /paper-list check\.+Passed/);
  });
});
