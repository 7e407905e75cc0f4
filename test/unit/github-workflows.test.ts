import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

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
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  environment?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = (file: string) => parse(readFileSync(file, 'utf8')) as Workflow;

/** the maintained GitHub workflow schema validator (@action-validator/cli), offline */
function validate(file: string): { status: number | null; output: string } {
  const run = spawnSync(VALIDATOR, [file], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
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
    '%s: every action pinned by commit, read-only by default, no AWS keys',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      const parsed = workflow(file);
      const uses = Object.values(parsed.jobs).flatMap((job) =>
        job.steps.flatMap((s) => (s.uses ? [s.uses] : [])),
      );
      expect(uses.length).toBeGreaterThan(0);
      for (const use of uses) expect(use).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(parsed.permissions).toEqual({ contents: 'read' });
      expect(text).not.toMatch(
        /aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/i,
      );
      // the base ref reaches the shell through the environment, never spliced into a script
      expect(text).not.toMatch(/run:.*\$\{\{/);
    },
  );

  it('the pull-request job may write only its comment; the deploy only asks for an OIDC token, in production', () => {
    const pr = workflow(join(COPYABLE, 'social-duty-pr.yml'));
    expect(Object.values(pr.jobs).map((j) => j.permissions)).toEqual([
      { contents: 'read', 'pull-requests': 'write' },
    ]);
    const deploy = workflow(join(COPYABLE, 'social-duty-deploy.yml'));
    const [job] = Object.values(deploy.jobs);
    expect(job?.environment).toBe('production');
    expect(job?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const aws = job?.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(aws?.with).toEqual({
      'role-to-assume': '${{ vars.AWS_DEPLOY_ROLE_ARN }}',
      'aws-region': '${{ vars.AWS_REGION }}',
    });
  });
});
