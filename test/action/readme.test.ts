// The README's "GitHub Actions" section as a user copies it: each workflow's Action step runs with its inputs as
// written, the SARIF step's command runs, and the inputs/outputs tables say what action.yml and the code do.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'yaml';
import { INVENTED_LIST, TempRepo, actionManifest, addTwoMistakes, gitEnv, pushEvent, runAction } from '../support/action';
import { makeTempDir, repoRoot } from '../support/paths';

interface Step {
  uses?: string;
  id?: string;
  if?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[] }>;
}

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const section = (() => {
  const start = readme.indexOf('\n## GitHub Actions\n');
  assert.ok(start >= 0, 'README has a "GitHub Actions" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
})();
const yamlBlocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]) as unknown);
const workflows = yamlBlocks.filter((b): b is Workflow => typeof b === 'object' && b !== null && 'jobs' in b);
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const OUR_ACTION = /^paper-list-curator\/paper-list-curator@/;
const actionStep = (w: Workflow) => steps(w).find((s) => s.uses !== undefined && OUR_ACTION.test(s.uses));
/** The runner passes `with:` values as strings (`true` → "true"). */
const inputsOf = (step: Step) => Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]));

const checkWorkflow = workflows.find((w) => 'push' in w.on && 'pull_request' in w.on && actionStep(w) && actionStep(w)!.with?.fix !== true);
const fixWorkflow = workflows.find((w) => actionStep(w)?.with?.fix === true);
const sarifWorkflow = workflows.find((w) => steps(w).some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')));

/** Rows of the first Markdown table whose header starts with `| <first> |`. */
function tableRows(first: string): string[][] {
  const lines = section.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${first} |`));
  assert.ok(start >= 0, `README has the ${first} table`);
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++)
    rows.push(
      lines[i]
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  return rows;
}

describe('README: GitHub Actions', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let counter = 0;
  before(() => {
    temp = makeTempDir('paper-list-readme-');
  });
  after(() => temp.remove());

  function pushedTwoMistakes() {
    const repo = new TempRepo(join(temp.dir, `repo-${++counter}`));
    copyFileSync(INVENTED_LIST, join(repo.dir, 'README.md'));
    const baseSha = repo.commit('Base list');
    repo.write('README.md', addTwoMistakes(repo.read('README.md')).text);
    return { repo, baseSha, headSha: repo.commit('Update README.md') };
  }

  test('the check workflow runs on push and pull_request, fetches the base, and its step inputs report the two new problems', async () => {
    assert.ok(checkWorkflow, 'a check workflow on push and pull_request');
    const checkout = steps(checkWorkflow).find((s) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(checkout?.with?.['fetch-depth'], 0, 'the checkout holds the base commit');
    const { repo, baseSha, headSha } = pushedTwoMistakes();
    const run = await runAction({
      workspace: repo.dir,
      inputs: inputsOf(actionStep(checkWorkflow)!),
      eventName: 'push',
      event: pushEvent(baseSha, headSha),
      scratch: join(temp.dir, `run-${++counter}`),
      sha: headSha,
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(
      run.annotations.map((a) => a.properties.title),
      ['paper-list/link-label', 'paper-list/row-number'],
    );
    assert.equal(run.outputs['new-problems'], '2');
  });

  test('the fix workflow fixes the list with its step inputs, and its pull-request step runs on the output fixed', async () => {
    assert.ok(fixWorkflow, 'a workflow with fix: true');
    const step = actionStep(fixWorkflow)!;
    const prStep = steps(fixWorkflow).find((s) => s.uses?.startsWith('peter-evans/create-pull-request@'));
    assert.ok(prStep, 'a pull-request step');
    assert.equal(prStep.if, `steps.${step.id}.outputs.fixed == 'true'`);
    const { repo, baseSha, headSha } = pushedTwoMistakes();
    const before = repo.read('README.md');
    const run = await runAction({
      workspace: repo.dir,
      inputs: inputsOf(step),
      eventName: 'push',
      event: pushEvent(baseSha, headSha),
      scratch: join(temp.dir, `run-${++counter}`),
      sha: headSha,
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.outputs.fixed, 'true');
    assert.notEqual(repo.read('README.md'), before);
  });

  test("the SARIF workflow's command writes SARIF for the upload step, also when the list has errors", () => {
    assert.ok(sarifWorkflow, 'a workflow uploading SARIF');
    const runStep = steps(sarifWorkflow).find((s) => s.run?.includes('--format sarif'));
    const upload = steps(sarifWorkflow).find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.ok(runStep?.run);
    const ourCheckout = steps(sarifWorkflow).find((s) => s.with?.repository === 'paper-list-curator/paper-list-curator');
    assert.ok(ourCheckout, 'the tool is checked out');
    const repo = new TempRepo(join(temp.dir, `repo-${++counter}`));
    repo.write('README.md', readFileSync(INVENTED_LIST, 'utf8').replace('https://arxiv.org/abs/2501.20003', 'TODO'));
    // The second checkout, as the workflow makes it: this repository at its path.
    symlinkSync(repoRoot, join(repo.dir, String(ourCheckout.with!.path)));
    const result = spawnSync('bash', ['-e', '-c', runStep.run], { cwd: repo.dir, env: gitEnv(), encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const sarif = JSON.parse(readFileSync(join(repo.dir, String(upload.with!.sarif_file)), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results as { ruleId: string; level: string }[];
    assert.ok(results.some((r) => r.ruleId === 'placeholder-link' && r.level === 'error'));
  });

  test('the inputs and outputs tables are action.yml’s, and the code reads and sets exactly those', () => {
    const manifest = actionManifest();
    const inputs = tableRows('input').map(([name, fallback]) => [name.replace(/`/g, ''), fallback.replace(/`/g, '')]);
    assert.deepEqual(
      inputs,
      Object.entries(manifest.inputs).map(([name, spec]) => [name, spec.default]),
    );
    const outputs = tableRows('output').map(([name]) => name.replace(/`/g, ''));
    assert.deepEqual(outputs, Object.keys(manifest.outputs));
    const source = readFileSync(join(repoRoot, 'server', 'src', 'action', 'main.ts'), 'utf8');
    assert.deepEqual([...new Set([...source.matchAll(/getInput\('([^']+)'\)/g)].map((m) => m[1]))].sort(), Object.keys(manifest.inputs).sort());
    assert.deepEqual([...source.matchAll(/setOutput\('([^']+)'/g)].map((m) => m[1]).sort(), Object.keys(manifest.outputs).sort());
    for (const w of workflows) for (const name of Object.keys(actionStep(w)?.with ?? {})) assert.ok(name in manifest.inputs, `${name} is an input`);
  });

  test('the pre-commit configuration names the hook that .pre-commit-hooks.yaml declares', () => {
    const config = yamlBlocks.find((b): b is { repos: { hooks: { id: string }[] }[] } => typeof b === 'object' && b !== null && 'repos' in b);
    assert.ok(config, 'a .pre-commit-config.yaml example');
    const hooks = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; language: string; entry: string }[];
    assert.deepEqual(
      config.repos.flatMap((r) => r.hooks.map((h) => h.id)),
      hooks.map((h) => h.id),
    );
  });
});
