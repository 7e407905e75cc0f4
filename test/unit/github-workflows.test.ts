import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DIFF_MARKER } from '../../cli/commands/diff-report';

const ROOT = join(__dirname, '..', '..');
const VALIDATOR = join(ROOT, 'node_modules', '.bin', 'action-validator');
const COPYABLE = join(ROOT, 'deploy', 'github');
const ACTIVE = join(ROOT, '.github', 'workflows');

const files = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => join(dir, f));
const WORKFLOWS = [...files(COPYABLE), ...files(ACTIVE)];

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  environment?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const workflow = (file: string) => parse(readFileSync(file, 'utf8')) as Workflow;
const onlyJob = (file: string): Job => {
  const jobs = Object.values(workflow(file).jobs);
  expect(jobs).toHaveLength(1);
  return jobs[0] as Job;
};
const PR = join(COPYABLE, 'social-duty-pr.yml');
const DEPLOY = join(COPYABLE, 'social-duty-deploy.yml');

/** the maintained GitHub workflow schema validator (@action-validator/cli), offline */
function validate(file: string): { status: number | null; output: string } {
  const run = spawnSync(VALIDATOR, [file], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** a step's script run as GitHub's runner runs `run:` (bash -eo pipefail), in a scratch directory */
function runStep(step: Step, dir: string, env: Record<string, string>) {
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
}

describe('the GitHub Actions workflows a trust copies', () => {
  it('there are the pull-request check and the deploy, in deploy/github and active here, the same', () => {
    expect(files(COPYABLE).map((f) => f.slice(COPYABLE.length + 1))).toEqual([
      'social-duty-deploy.yml',
      'social-duty-pr.yml',
    ]);
    for (const file of files(COPYABLE)) {
      const name = file.slice(COPYABLE.length + 1);
      expect(readFileSync(join(ACTIVE, name), 'utf8')).toBe(readFileSync(file, 'utf8'));
    }
  });

  it.each(WORKFLOWS.map((f) => [f.slice(ROOT.length + 1), f]))(
    '%s passes the workflow schema',
    (_name, file) => {
      expect(validate(file)).toMatchObject({ status: 0 });
    },
  );

  it('the validator refuses a broken workflow, so the check above can fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-workflow-'));
    const broken = join(dir, 'broken.yml');
    writeFileSync(
      broken,
      'name: broken\non: [push]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n',
    );
    const result = validate(broken);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("Additional property 'stepz' is not allowed");
  });

  it.each(WORKFLOWS.map((f) => [f.slice(ROOT.length + 1), f]))(
    '%s: every action pinned by commit, read-only by default, no AWS keys, timeouts',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      const parsed = workflow(file);
      const steps = Object.values(parsed.jobs).flatMap((job) => job.steps);
      const uses = steps.flatMap((s) => (s.uses ? [s.uses] : []));
      expect(uses.length).toBeGreaterThan(0);
      for (const use of uses) expect(use).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      // the version each pin stands for, so a reader can check it against the action's releases
      for (const line of text.split('\n').filter((l) => /\buses:/.test(l)))
        expect(line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
      expect(parsed.permissions).toEqual({ contents: 'read' });
      expect(text).not.toMatch(
        /aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/i,
      );
      // values reach a script through its environment, never spliced into the shell text
      for (const step of steps) expect(step.run ?? '').not.toContain('${{');
      for (const job of Object.values(parsed.jobs))
        expect(job).toMatchObject({ 'timeout-minutes': expect.any(Number) });
    },
  );

  it('the pull-request job may write only its comment; the deploy only asks for an OIDC token, in production', () => {
    expect(onlyJob(PR).permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const job = onlyJob(DEPLOY);
    expect(job.environment).toBe('production');
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const aws = job.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(aws?.with).toEqual({
      'role-to-assume': '${{ vars.AWS_DEPLOY_ROLE_ARN }}',
      'aws-region': '${{ vars.AWS_REGION }}',
    });
  });

  it('the pull-request check runs on the config, against the base branch, and keeps the calendar', () => {
    const parsed = workflow(PR);
    expect(parsed.on).toEqual({ pull_request: { paths: ['config/social-duty.yaml'] } });
    const { steps } = onlyJob(PR);
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with).toMatchObject({ 'fetch-depth': 0 });
    const runs = steps.flatMap((s) => (s.run ? [s.run] : [])).join('\n');
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npx social-duty check --strict');
    expect(runs).toContain('npx social-duty diff --base "origin/${BASE_REF}" --markdown > diff.md');
    expect(steps.find((s) => s.run?.includes('diff --base'))?.env).toEqual({
      BASE_REF: '${{ github.base_ref }}',
    });
    expect(runs).toMatch(/npx social-duty preview .*--html calendar\.html/);
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ path: 'calendar.html' });
  });

  it('the deploy runs one at a time, on main, only once the trust has set the role', () => {
    const parsed = workflow(DEPLOY);
    expect(parsed.on).toEqual({
      push: { branches: ['main'], paths: ['config/social-duty.yaml'] },
      workflow_dispatch: null,
    });
    expect(parsed.concurrency).toEqual({ group: 'social-duty-deploy', 'cancel-in-progress': false });
    const job = onlyJob(DEPLOY);
    expect(job.if).toBe("${{ vars.AWS_DEPLOY_ROLE_ARN != '' }}");
    const deploy = job.steps.find((s) => s.run?.includes('cdk deploy'));
    expect(deploy?.run).toContain('--require-approval never -c commit="$COMMIT"');
    expect(deploy?.env).toEqual({ COMMIT: '${{ github.sha }}' });
  });
});

describe('the scripts in the workflows, run here', () => {
  const SHA = 'a'.repeat(40);
  const outputs = (commit: string) =>
    JSON.stringify({
      SocialDuty: {
        ConfigVersion: '214065bf42b6',
        DeployedCommit: commit,
        StateTableName: 'SocialDuty-StateTable-X1',
      },
    });
  const check = () => {
    const step = onlyJob(DEPLOY).steps.find((s) => s.name === 'Check the stack now runs this commit');
    expect(step?.run).toBeDefined();
    return step as Step;
  };

  it('after the deploy, the stack outputs naming the commit pass, and the summary says how to run status', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-deploy-'));
    writeFileSync(join(dir, 'cdk-outputs.json'), outputs(SHA));
    const summary = join(dir, 'summary.md');
    const run = runStep(check(), dir, { COMMIT: SHA, REGION: 'eu-west-2', GITHUB_STEP_SUMMARY: summary });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Deployed: config 214065bf42b6, commit ${SHA}`);
    expect(readFileSync(summary, 'utf8')).toContain(
      '`npx social-duty status --table SocialDuty-StateTable-X1 --region eu-west-2`',
    );
  });

  it('outputs naming another commit (or none) fail the deploy job', () => {
    for (const commit of ['b'.repeat(40), 'none']) {
      const dir = mkdtempSync(join(tmpdir(), 'sd-deploy-'));
      writeFileSync(join(dir, 'cdk-outputs.json'), outputs(commit));
      const run = runStep(check(), dir, {
        COMMIT: SHA,
        REGION: 'eu-west-2',
        GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(`The stack reports commit ${commit}, not ${SHA}`);
    }
  });

  it('the diff goes into diff.md and the run summary', () => {
    const step = onlyJob(PR).steps.find((s) => s.run?.includes('diff --base'));
    const dir = mkdtempSync(join(tmpdir(), 'sd-pr-'));
    // a stand-in `npx` on the PATH: this test is about the step's plumbing, the diff has its own tests
    writeFileSync(join(dir, 'npx'), '#!/bin/sh\necho "<!-- social-duty-diff -->"\necho "base $4"\n', {
      mode: 0o755,
    });
    const summary = join(dir, 'summary.md');
    const run = runStep(step ?? {}, dir, {
      PATH: `${dir}:${process.env.PATH ?? ''}`,
      BASE_REF: 'main',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'diff.md'), 'utf8')).toBe('<!-- social-duty-diff -->\nbase origin/main\n');
    expect(readFileSync(summary, 'utf8')).toBe(readFileSync(join(dir, 'diff.md'), 'utf8'));
  });

  interface Comment {
    id: number;
    body: string;
    user: { type: 'Bot' | 'User' };
  }

  /** GitHub's issue-comment API as github-script hands it over, in memory */
  function fakeGitHub(comments: Comment[]) {
    let next = 100;
    const listComments = ({ issue_number }: { issue_number: number }) => {
      expect(issue_number).toBe(7);
      return comments;
    };
    return {
      paginate: (list: typeof listComments, params: { issue_number: number }) =>
        Promise.resolve(list(params)),
      rest: {
        issues: {
          listComments,
          updateComment: ({ comment_id, body }: { comment_id: number; body: string }) => {
            const comment = comments.find((c) => c.id === comment_id);
            if (!comment) throw new Error(`no comment ${comment_id}`);
            comment.body = body;
            return Promise.resolve();
          },
          createComment: ({ body }: { body: string }) => {
            comments.push({ id: next++, body, user: { type: 'Bot' } });
            return Promise.resolve();
          },
        },
      },
    };
  }

  /** the comment step's script, called as actions/github-script calls it (an async function body) */
  async function postComment(comments: Comment[], diff: string) {
    const step = onlyJob(PR).steps.find((s) => s.uses?.startsWith('actions/github-script@'));
    const script = step?.with?.script;
    expect(typeof script).toBe('string');
    const dir = mkdtempSync(join(tmpdir(), 'sd-comment-'));
    writeFileSync(join(dir, 'diff.md'), diff);
    const fs = { readFileSync: (path: string, enc: 'utf8') => readFileSync(join(dir, path), enc) };
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<unknown>;
    const body = new AsyncFunction('require', 'github', 'context', script as string);
    const context = { repo: { owner: 'trust', repo: 'schedule' }, issue: { number: 7 } };
    await body((name: string) => (name === 'fs' ? fs : undefined), fakeGitHub(comments), context);
  }

  it('the comment is posted once, then updated in place; a person quoting the marker is left alone', async () => {
    expect(readFileSync(PR, 'utf8')).toContain(`const marker = '${DIFF_MARKER}';`);
    const person: Comment = { id: 1, body: `${DIFF_MARKER} quoted`, user: { type: 'User' } };
    const comments = [person];
    await postComment(comments, `${DIFF_MARKER}\nfirst`);
    await postComment(comments, `${DIFF_MARKER}\nsecond`);
    expect(comments).toEqual([person, { id: 100, body: `${DIFF_MARKER}\nsecond`, user: { type: 'Bot' } }]);
    expect(person.body).toBe(`${DIFF_MARKER} quoted`);
  });

  it('the comment step is skipped for a fork, whose reviewer reads the run summary', () => {
    const step = onlyJob(PR).steps.find((s) => s.uses?.startsWith('actions/github-script@'));
    expect(step?.if).toBe('${{ github.event.pull_request.head.repo.full_name == github.repository }}');
  });
});
