/**
 * `npm run bench`: sizes, cold starts, sweep throughput, simulate and preview timings, and the monthly cost.
 * Prints a table and writes bench/results.json. Timings are reported, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../lambdas/core/config/parse-config';
import { WorkingCalendar } from '../lambdas/core/calendar/working-calendar';
import { previewActions } from '../lambdas/core/plan/preview';
import { estimateMonthlyCost } from '../lambdas/core/plan/cost-estimate';
import { simulate } from '../local/simulate';
import { bundleHandler, HANDLERS } from './bundle';
import { measureCliStartup } from './cli-startup';
import { benchSweeps } from './sweep-bench';
import { benchUrgentNight } from './urgent-night';
import { classificationSpeed, evaluateClassificationSets } from './classification-eval';
import { leaveOneSetOut } from '../scripts/train-crisis-words';
import { silenceHandlerLogs } from '../lambdas/runtime/logger';

const ROOT = join(__dirname, '..');
const CONFIG_FILE = join(ROOT, 'config', 'social-duty.yaml');
const THREE_NETWORKS_FILE = join(ROOT, 'config', 'examples', 'three-networks.yaml');
const RUNS = 5;

interface Row {
  measure: string;
  value: number;
  unit: string;
  target?: string;
  met?: boolean;
}

async function main(): Promise<void> {
  // the handlers' CloudWatch lines would bury the table
  silenceHandlerLogs();
  const text = readFileSync(CONFIG_FILE, 'utf8');
  const loaded = parseConfig(text, 'config/social-duty.yaml');
  const rows: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'social-duty-bench-'));

  const sdkOnly = join(dir, 'sdk-only.js');
  await bundleHandler(
    { contents: "require('@aws-sdk/client-dynamodb'); exports.handler = async () => 1;" },
    undefined,
    sdkOnly,
  );
  const sdkInit = medianInitMs(sdkOnly);
  rows.push({
    measure: 'cold init: bundle importing only @aws-sdk/client-dynamodb',
    value: sdkInit,
    unit: 'ms',
  });
  for (const name of HANDLERS) {
    const out = join(dir, `${name}.js`);
    const bytes = await bundleHandler(join(ROOT, 'lambdas', 'handlers', `${name}.ts`), loaded, out, name);
    const kb = bytes / 1024;
    rows.push({ measure: `bundle size: ${name}`, value: kb, unit: 'KB', target: '≤ 200', met: kb <= 200 });
    const init = medianInitMs(out);
    rows.push({ measure: `cold init: ${name}`, value: init, unit: 'ms' });
    const ratio = init / sdkInit;
    rows.push({
      measure: `cold init ratio: ${name} / SDK-only`,
      value: ratio,
      unit: '×',
      target: '≤ 1.5',
      met: ratio <= 1.5,
    });
  }

  // a trust on X, Bluesky and Facebook: the post and sweep bundles then carry the Bluesky client
  const threeNetworks = parseConfig(
    readFileSync(THREE_NETWORKS_FILE, 'utf8'),
    'config/examples/three-networks.yaml',
  );
  for (const name of ['post', 'sweep'] as const) {
    const out = join(dir, `${name}-three-networks.js`);
    const bytes = await bundleHandler(
      join(ROOT, 'lambdas', 'handlers', `${name}.ts`),
      threeNetworks,
      out,
      name,
    );
    rows.push({
      measure: `bundle size: ${name}, X + Bluesky + Facebook config`,
      value: bytes / 1024,
      unit: 'KB',
    });
    // the Bluesky client is loaded on first use, so what it adds at a cold start is mostly parsing the bundle
    rows.push({
      measure: `cold init: ${name}, X + Bluesky + Facebook config`,
      value: medianInitMs(out),
      unit: 'ms',
    });
  }

  for (const kind of ['seen', 'new'] as const) {
    const result = await benchSweeps(loaded, kind, 1000);
    rows.push({ measure: `sweep of 1,000 ${kind} mentions: wall time`, value: result.ms, unit: 'ms' });
    const target = kind === 'seen' ? 15 : 1100;
    rows.push({
      measure: `sweep of 1,000 ${kind} mentions: DynamoDB requests`,
      value: result.dynamoRequests,
      unit: 'requests',
      target: `≤ ${target}`,
      met: result.dynamoRequests <= target,
    });
  }

  for (const set of evaluateClassificationSets().filter((r) => r.role === 'holdout')) {
    rows.push({
      measure: `classification, hold-out ${set.name}: urgent recall (${set.urgent} urgent)`,
      value: set.recall * 100,
      unit: '%',
      target: '≥ 95',
      met: set.recall >= 0.95,
    });
    rows.push({
      measure: `classification, hold-out ${set.name}: false-urgent rate (${set.notUrgent} not urgent)`,
      value: set.falseUrgentRate * 100,
      unit: '%',
      target: '≤ 5',
      met: set.falseUrgentRate <= 0.05,
    });
  }
  const folds = leaveOneSetOut();
  const mean = (f: (s: (typeof folds)[number]) => number) =>
    (folds.reduce((t, s) => t + f(s), 0) / folds.length) * 100;
  rows.push({
    measure: `classification, each training set left out in turn: mean urgent recall`,
    value: mean((s) => s.recall),
    unit: '%',
  });
  rows.push({
    measure: `classification, each training set left out in turn: mean false-urgent rate`,
    value: mean((s) => s.falseUrgentRate),
    unit: '%',
  });
  const speed = classificationSpeed();
  rows.push({
    measure: `classify ${speed.mentions} sweep-like mentions (warm)`,
    value: speed.warmMs,
    unit: 'ms',
  });

  const sweeps = loaded.config.sweeps;
  const escalation = loaded.config.duty.escalation;
  if (sweeps) {
    const night = await benchUrgentNight(loaded);
    const emailTarget = sweeps.urgentEveryMinutes + 1;
    rows.push({
      measure: `urgent mention to its email, worst of ${night.mentions} on a simulated night`,
      value: night.emailMinutes.max,
      unit: 'min',
      target: `≤ ${emailTarget}`,
      met: night.emailMinutes.max <= emailTarget,
    });
    rows.push({
      measure: 'urgent mention to its email, median',
      value: night.emailMinutes.median,
      unit: 'min',
    });
    if (escalation) {
      const escalationTarget = escalation.afterMinutes + sweeps.urgentEveryMinutes + 1;
      rows.push({
        measure: 'urgent email to first escalation when nobody acknowledged, worst',
        value: night.escalationMinutes.max,
        unit: 'min',
        target: `≤ ${escalationTarget}`,
        met: night.escalationMinutes.max <= escalationTarget,
      });
      rows.push({
        measure: `escalations sent after an acknowledgement (${night.acknowledged} acknowledged)`,
        value: night.escalationsAfterAcknowledgement,
        unit: 'emails',
        target: '= 0',
        met: night.escalationsAfterAcknowledgement === 0,
      });
    }
  }

  let started = Date.now();
  const year = await simulate(loaded, '2027-01-01', '2027-12-31');
  const simulateSeconds = (Date.now() - started) / 1000;
  rows.push({
    measure: `simulate one year (${year.tweets.length} tweets, ${year.emails.length} emails)`,
    value: simulateSeconds,
    unit: 's',
    target: '≤ 5',
    met: simulateSeconds <= 5,
  });

  started = Date.now();
  const checked = parseConfig(text, 'config/social-duty.yaml');
  const calendar = new WorkingCalendar(checked.config);
  previewActions(checked.config, calendar, '2027-01-01', '2027-12-31');
  const previewSeconds = (Date.now() - started) / 1000;
  rows.push({
    measure: 'check + preview of a year (in process)',
    value: previewSeconds,
    unit: 's',
    target: '≤ 1',
    met: previewSeconds <= 1,
  });

  const startup = measureCliStartup(CONFIG_FILE);
  rows.push({ measure: 'CLI: node -e 0 (the yardstick)', value: startup.nodeMs, unit: 'ms' });
  for (const [measure, ms, limit] of [
    ['CLI: check, as a ratio to node -e 0', startup.checkMs, 4],
    ['CLI: preview of a year, as a ratio to node -e 0', startup.previewYearMs, 5],
  ] as const) {
    const ratio = ms / startup.nodeMs;
    rows.push({
      measure: `${measure} (${ms.toFixed(0)} ms)`,
      value: ratio,
      unit: '×',
      target: `≤ ${limit}`,
      met: ratio <= limit,
    });
  }

  const cost = estimateMonthlyCost(loaded.config, calendar, '2027-01-01');
  rows.push({
    measure: 'monthly cost: AWS (Scheduler, Lambda, DynamoDB, SES; before free tiers)',
    value: cost.aws.total,
    unit: 'USD',
  });
  rows.push({ measure: 'monthly cost: X pay-per-use (posts and reads)', value: cost.x.total, unit: 'USD' });

  printTable(rows);
  const results = { measuredAt: new Date().toISOString(), node: process.version, rows, cost };
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nwrote bench/results.json');
}

/** median time to load a bundle in a fresh Node process (module evaluation only, as a Lambda init does) */
function medianInitMs(bundle: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      env: {
        ...process.env,
        // stands in for the AWS SDK the Lambda runtime provides (the bundles leave it out)
        NODE_PATH: join(ROOT, 'node_modules'),
        TABLE_NAME: 'bench',
        AWS_REGION: 'eu-west-2',
      },
    });
    if (run.status !== 0) throw new Error(`loading ${bundle} failed: ${run.stderr}`);
    times.push(Number(run.stdout));
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
}

function printTable(rows: Row[]): void {
  const width = Math.max(...rows.map((r) => r.measure.length));
  for (const row of rows) {
    const value = row.value >= 100 ? row.value.toFixed(0) : row.value.toFixed(2);
    const target = row.target ? `  target ${row.target} ${row.unit}: ${row.met ? 'met' : 'NOT MET'}` : '';
    console.log(`${row.measure.padEnd(width)}  ${value.padStart(9)} ${row.unit}${target}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
