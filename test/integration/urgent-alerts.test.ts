import { runCli } from '../../cli/main';
import { handleSweep } from '../../lambdas/services/sweep-service';
import { pressAckButton } from '../../local/ack-server';
import type { StoredEmail } from '../../local/ses-server';
import { SAMPLE_CONFIG_FILE } from '../support/example-config';
import { startTestStack } from '../support/local-stack';

const FALLBACK = 'comms.team@leedsandyorkpft.nhs.uk';
const ONCALL = 'oncall.manager@leedsandyorkpft.nhs.uk';
const DIRECTOR = 'director.oncall@leedsandyorkpft.nhs.uk';

/** the "I'm handling this" link an urgent email holds for one recipient */
function linkFor(email: StoredEmail | undefined, recipient: string): string {
  const line = email?.text.split('\n').find((l) => l.startsWith(`- ${recipient}: `));
  if (!line) throw new Error(`no link for ${recipient}`);
  return line.slice(`- ${recipient}: `.length).trim();
}

/**
 * Urgent alerts with the real sweep, the local X API, SES and the acknowledge server over HTTP: a pressed
 * button stops the escalation, an unpressed one escalates down the list, and the audit trail says who and when.
 * Saturday night, 16 to 17 January 2027 (GMT).
 */
describe('acknowledge or escalate', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  beforeAll(async () => {
    stack = await startTestStack('2027-01-17T02:00:00Z');
  });
  afterAll(async () => {
    await stack.close();
  });

  const sweepAt = (iso: string) => {
    stack.clock.set(iso);
    return handleSweep(stack.deps, iso);
  };
  const sent = async (subject: RegExp) =>
    (await stack.ses.sentEmails()).filter((e) => subject.test(e.subject));

  it('a press of the button, not the opening of the link, stops the escalation', async () => {
    const tweet = stack.x.addMention({
      authorUsername: 'night',
      text: '@LeedsandYorkPFT I feel suicidal',
      createdAt: '2027-01-17T02:03:00Z',
    });
    expect(await sweepAt('2027-01-17T02:05:00Z')).toMatchObject({ urgent: 1 });
    const [urgent] = await sent(/URGENT mention/);
    expect(urgent?.to).toEqual([FALLBACK, ONCALL]);

    // a mail scanner (or the person) opens the link: a page with the mention and one button, nothing recorded
    stack.clock.set('2027-01-17T02:08:00Z');
    const link = linkFor(urgent, FALLBACK);
    for (let i = 0; i < 3; i++) {
      const page = await fetch(link);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('I feel suicidal');
      expect(html.match(/<button/g)).toHaveLength(1);
    }
    expect(await stack.deps.state.urgent.get(`x#${tweet.id}`)).not.toHaveProperty('acknowledgedAt');

    stack.clock.set('2027-01-17T02:12:00Z');
    expect((await pressAckButton(link)).status).toBe(200);
    expect(await stack.deps.state.urgent.get(`x#${tweet.id}`)).toMatchObject({
      acknowledgedBy: FALLBACK,
      acknowledgedAt: '2027-01-17T02:12:00.000Z',
    });
    // pressed again (a double click, a second recipient later): refused, nothing changes
    expect((await pressAckButton(link)).status).toBe(409);
    expect((await pressAckButton(linkFor(urgent, ONCALL))).status).toBe(409);

    await sweepAt('2027-01-17T02:20:00Z');
    await sweepAt('2027-01-17T02:35:00Z');
    expect(await sent(/ESCALATED/)).toHaveLength(0);
  });

  it('an alert nobody acknowledges goes to each escalation address in turn, then stops', async () => {
    await stack.ses.clear();
    stack.x.addMention({
      authorUsername: 'later',
      text: '@LeedsandYorkPFT thinking about an overdose',
      createdAt: '2027-01-17T02:40:00Z',
    });
    await sweepAt('2027-01-17T02:40:00Z');
    for (const tick of ['02:45', '02:50', '02:55', '03:00', '03:05', '03:10', '03:15', '03:20'])
      await sweepAt(`2027-01-17T${tick}:00Z`);
    const escalations = await sent(/ESCALATED/);
    expect(escalations.map((e) => e.to)).toEqual([[ONCALL], [DIRECTOR]]);
    expect(escalations[0]?.text).toContain('thinking about an overdose');
    expect(escalations[1]?.text).toContain(`then escalated to ${ONCALL} at 02:55`);
    // the director's own button works and is the last word
    stack.clock.set('2027-01-17T03:21:00Z');
    expect((await pressAckButton(escalationLink(escalations[1]))).status).toBe(200);
  });

  it('shows acknowledgements and escalations in `social-duty audit`, with who and when', async () => {
    const out: string[] = [];
    const code = await runCli(
      [
        'audit',
        '--config',
        SAMPLE_CONFIG_FILE,
        '--endpoint',
        stack.dynamo.endpoint,
        '--from',
        '2027-01-17',
        '--to',
        '2027-01-17',
      ],
      { stdout: (t) => out.push(t), stderr: (t) => out.push(t) },
    );
    expect(code).toBe(0);
    const lines = out.join('\n').split('\n');
    const line = (event: string, detail: string) =>
      lines.find((l) => l.includes(event) && l.includes(detail));
    expect(line('acknowledged', `by=${FALLBACK}`)).toMatch(/^Sun 17 Jan 2027 02:12 /);
    expect(line('escalated', `to=${ONCALL}`)).toMatch(/^Sun 17 Jan 2027 02:55 /);
    expect(line('escalated', `to=${DIRECTOR}`)).toMatch(/^Sun 17 Jan 2027 03:10 /);
    expect(line('acknowledged', `by=${DIRECTOR}`)).toMatch(/^Sun 17 Jan 2027 03:21 /);
    expect(line('urgent', `recipients=${FALLBACK} ${ONCALL}`)).toBeDefined();
    // rules and addresses, never the mention text
    expect(out.join('\n')).not.toMatch(/I feel suicidal|thinking about an overdose/);
  });
});

/** an escalation email holds one link, for its one recipient */
function escalationLink(email: StoredEmail | undefined): string {
  const link = email?.text.match(/https?:\/\/\S+\/ack\?t=\S+/)?.[0];
  if (!link) throw new Error('no link');
  return link;
}
