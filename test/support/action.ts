// Runs the GitHub Action the way the runner does: `node <runs.main>` with INPUT_* variables (action.yml's defaults
// filled in), GITHUB_WORKSPACE a git repository, an event payload file, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './paths';

interface ActionManifest {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

export function actionManifest(): ActionManifest {
  return parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as ActionManifest;
}

/** A temporary git repository with a committer, so tests do not depend on the machine's git config. */
export class TempRepo {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    const result = spawnSync('git', args, { cwd: this.dir, env: gitEnv(), encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout.trim();
  }

  write(path: string, text: string): void {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), text);
  }

  read(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8');
  }

  /** Commits everything and returns the new commit's sha. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }
}

export function gitEnv(): NodeJS.ProcessEnv {
  return {
    ...cleanEnv(),
    GIT_AUTHOR_NAME: 'Test Curator',
    GIT_AUTHOR_EMAIL: 'curator@example.org',
    GIT_COMMITTER_NAME: 'Test Curator',
    GIT_COMMITTER_EMAIL: 'curator@example.org',
    GIT_CONFIG_NOSYSTEM: '1',
  };
}

/** The test process's environment without anything a real workflow run (CI on GitHub) would leak into the action. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(key)));
}

/** An invented list with seven old problems (warnings). */
export const INVENTED_LIST = join(repoRoot, 'test', 'fixtures', 'list-2025.md');

/**
 * Two new mistakes at the end of the newest week, above every old problem (so the old ones move down): a [Tweet] on a
 * host that is not X (link-label) and a skipped row number (row-number). Both are warnings.
 */
export function addTwoMistakes(text: string): { text: string; lines: [number, number] } {
  const lines = text.split('\n');
  const heading = lines.findIndex((l) => /^## .*Week/.test(l));
  let last = heading;
  let lastNumber = 0;
  for (let i = heading + 1; i < lines.length && !lines[i].startsWith('## '); i++) {
    const match = /^\|\s*(\d+)\)/.exec(lines[i]);
    if (match) {
      last = i;
      lastNumber = Number(match[1]);
    }
  }
  assert.ok(lastNumber > 0, 'the newest week has numbered rows');
  lines.splice(
    last + 1,
    0,
    `| ${lastNumber + 1}) Invented Widget Paper  Proposes an invented widget. | [Paper](https://arxiv.org/abs/2599.00001), [Tweet](https://mastodon.social/@curator/1) |`,
    `| ${lastNumber + 3}) Another Invented Widget  Describes another invented widget. | [Paper](https://arxiv.org/abs/2599.00002), [Tweet](https://x.com/curator/status/1990000000000000002) |`,
  );
  return { text: lines.join('\n'), lines: [last + 2, last + 3] };
}

export const REPOSITORY = 'curators/weekly-papers';

/** A push event as GitHub sends it (the fields the action and a reader of the log would look at). */
export function pushEvent(before: string, after: string): object {
  return {
    ref: 'refs/heads/main',
    before,
    after,
    created: /^0+$/.test(before),
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/${REPOSITORY}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits: [{ id: after, message: 'Update README.md', distinct: true, author: { name: 'Test Curator', email: 'curator@example.org' } }],
    head_commit: { id: after, message: 'Update README.md' },
    pusher: { name: 'curator', email: 'curator@example.org' },
    repository: { full_name: REPOSITORY, name: 'weekly-papers', default_branch: 'main', owner: { login: 'curators' } },
    sender: { login: 'curator', type: 'User' },
  };
}

export function pullRequestEvent(baseSha: string, headSha: string): object {
  return {
    action: 'synchronize',
    number: 7,
    before: headSha,
    after: headSha,
    pull_request: {
      number: 7,
      state: 'open',
      title: 'Add this week',
      head: { ref: 'new-week', sha: headSha, repo: { full_name: REPOSITORY } },
      base: { ref: 'main', sha: baseSha, repo: { full_name: REPOSITORY } },
    },
    repository: { full_name: REPOSITORY, name: 'weekly-papers', default_branch: 'main', owner: { login: 'curators' } },
    sender: { login: 'curator', type: 'User' },
  };
}

export interface Annotation {
  readonly command: 'error' | 'warning' | 'notice';
  readonly properties: Record<string, string>;
  readonly message: string;
}

export interface ActionRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly annotations: Annotation[];
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

export interface ActionRunOptions {
  /** GITHUB_WORKSPACE, and the working directory, as the runner sets both. */
  readonly workspace: string;
  readonly inputs?: Record<string, string>;
  readonly eventName: string;
  readonly event: object;
  /** Where the event, output and summary files go. */
  readonly scratch: string;
  readonly sha: string;
}

export function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const manifest = actionManifest();
  const eventPath = join(options.scratch, 'event.json');
  const outputPath = join(options.scratch, 'output.txt');
  const summaryPath = join(options.scratch, 'summary.html');
  mkdirSync(options.scratch, { recursive: true });
  writeFileSync(eventPath, JSON.stringify(options.event, null, 2));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const inputs: NodeJS.ProcessEnv = {};
  // The runner passes every input of action.yml, its default when the workflow gives none.
  for (const [name, spec] of Object.entries(manifest.inputs)) {
    const value = options.inputs?.[name] ?? spec.default;
    if (value !== undefined) inputs[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  for (const name of Object.keys(options.inputs ?? {}))
    if (!(name in manifest.inputs)) throw new Error(`input "${name}" is not declared in action.yml (the runner would warn and pass it anyway)`);
  const env: NodeJS.ProcessEnv = {
    ...gitEnv(),
    ...inputs,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_SHA: options.sha,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REF: 'refs/heads/main',
    RUNNER_TEMP: options.scratch,
  };
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, manifest.runs.main)], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    // A hang guard, not a performance bound.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      resolvePromise({
        code,
        stdout,
        stderr: Buffer.concat(err).toString('utf8'),
        annotations: parseAnnotations(stdout),
        outputs: parseOutputFile(readFileSync(outputPath, 'utf8')),
        summary: readFileSync(summaryPath, 'utf8'),
      });
    });
  });
}

/** `::error file=a,line=1,title=t::message` lines, unescaped per GitHub's workflow-command rules. */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').trim().split(',').filter(Boolean)) {
      const at = pair.indexOf('=');
      properties[pair.slice(0, at)] = unescapeCommand(pair.slice(at + 1));
    }
    annotations.push({ command: match[1] as Annotation['command'], properties, message: unescapeCommand(match[3]) });
  }
  return annotations;
}

function unescapeCommand(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/** GITHUB_OUTPUT's `name<<delimiter` heredoc records, as @actions/core writes them. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!match) continue;
    const end = lines.indexOf(match[2], i + 1);
    outputs[match[1]] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}
