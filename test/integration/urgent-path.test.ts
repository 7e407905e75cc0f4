import { join } from 'node:path';
import { runCli } from '../../cli/main';
import type { SimulatedEmail, SimulationResult } from '../../local/simulate';
import { SAMPLE_CONFIG_FILE } from '../support/example-config';

const SEED = join(__dirname, '..', 'fixtures', 'seeds', 'urgent-weekend-2027.json');
const FALLBACK = 'comms.team@leedsandyorkpft.nhs.uk';
const ONCALL = 'oncall.manager@leedsandyorkpft.nhs.uk';
const DIRECTOR = 'director.oncall@leedsandyorkpft.nhs.uk';
const MINUTE = 60_000;

/**
 * The urgent path end to end, as a duty officer lives it: the real handlers on a virtual clock, mentions arriving
 * through the local X API, urgent emails with their buttons, a button pressed over HTTP, escalations, alerts and
 * the Monday briefing. Friday 15 to Monday 18 January 2027 (GMT: local time is UTC).
 */
describe('the urgent path over a weekend', () => {
  let result: SimulationResult;
  const about = (id: string, kind?: SimulatedEmail['kind']) =>
    result.emails.filter(
      (e) => e.mentionIds?.includes(`187900000000000000${id}`) && (!kind || e.kind === kind),
    );
  const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / MINUTE;

  beforeAll(async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [
        'simulate',
        '--config',
        SAMPLE_CONFIG_FILE,
        '--from',
        '2027-01-15',
        '--to',
        '2027-01-18',
        '--seed',
        SEED,
        '--json',
      ],
      { stdout: (t) => out.push(t), stderr: (t) => err.push(t) },
    );
    if (code !== 0) throw new Error(err.join('\n'));
    result = JSON.parse(out.join('\n')) as SimulationResult;
  }, 120_000);

  it('emails an urgent mention in working hours within the urgent interval, not at the next alert email', () => {
    const [urgent] = about('1', 'urgent');
    expect(urgent?.at).toBe('2027-01-15T10:05:00.000Z');
    // Friday's duty officer and urgentAlso
    expect(urgent?.to).toEqual(['sam.duty@leedsandyorkpft.nhs.uk', ONCALL]);
    expect(urgent?.text).toMatch(/Matched: [^\n]*(tablets|overdose)/);
  });

  it('sends the general mention in the next quarter-hour alert email', () => {
    const alerts = about('2', 'alert');
    expect(alerts.map((e) => e.at)).toEqual(['2027-01-15T10:15:00.000Z']);
  });

  it('alerts a concern posted at 16:50 on Friday that afternoon, by the sweep at the end of working hours', () => {
    const alerts = about('3', 'alert');
    expect(alerts).toHaveLength(1);
    expect(minutesBetween('2027-01-15T16:50:00Z', alerts[0]?.at as string)).toBeLessThan(16);
    expect(alerts[0]?.at).toBe('2027-01-15T17:00:00.000Z');
    expect(alerts[0]?.to).toEqual(['sam.duty@leedsandyorkpft.nhs.uk']);
  });

  it('holds a concern posted after 17:00 for the Monday briefing, with no alert email', () => {
    expect(about('4', 'alert')).toEqual([]);
    expect(about('4', 'briefing').map((e) => e.at)).toEqual(['2027-01-18T08:45:00.000Z']);
  });

  it('emails the 02:03 urgent mention by 02:06, then escalates it to each person in turn', () => {
    const [urgent, ...more] = about('5', 'urgent');
    expect(more).toEqual([]);
    expect(minutesBetween('2027-01-17T02:03:00Z', urgent?.at as string)).toBeLessThanOrEqual(5 + 1);
    // a Sunday: nobody on the rota, so the fallback, and urgentAlso
    expect(urgent?.to).toEqual([FALLBACK, ONCALL]);
    expect(urgent?.text).toContain('Matched: end it all');
    // each recipient has their own "I'm handling this" link
    expect(urgent?.text).toMatch(new RegExp(`- ${FALLBACK}: http://127\\.0\\.0\\.1:\\d+/ack\\?t=`));

    const escalations = about('5', 'escalation');
    expect(escalations.map((e) => [e.at, e.to])).toEqual([
      ['2027-01-17T02:20:00.000Z', [ONCALL]],
      ['2027-01-17T02:35:00.000Z', [DIRECTOR]],
    ]);
    // within afterMinutes + urgentEveryMinutes + 1 of the first email
    expect(minutesBetween(urgent?.at as string, escalations[0]?.at as string)).toBeLessThanOrEqual(
      15 + 5 + 1,
    );
    expect(escalations[1]?.text).toContain(`then escalated to ${ONCALL} at 02:20`);
  });

  it('escalates nothing once the first recipient pressed the button', () => {
    expect(about('6', 'urgent').map((e) => e.at)).toEqual(['2027-01-17T03:10:00.000Z']);
    expect(about('6', 'escalation')).toEqual([]);
  });

  it("lists every mention since Friday's briefing in Monday's, urgent first, each with how it was handled", () => {
    const [briefing] = result.emails.filter((e) => e.kind === 'briefing' && e.at.startsWith('2027-01-18'));
    expect(briefing?.to).toEqual(['alex.duty@leedsandyorkpft.nhs.uk']);
    expect([...(briefing?.mentionIds ?? [])].sort()).toEqual(
      ['1', '2', '3', '4', '5', '6'].map((n) => `187900000000000000${n}`),
    );
    const text = briefing?.text ?? '';
    expect(text).toContain('MENTIONS SINCE Fri 15 Jan 08:45 (6, 3 urgent, 2 concerns)');
    expect(text).toContain(
      `Handling: urgent: emailed Sun 17 Jan 03:10 to ${FALLBACK}, ${ONCALL}; acknowledged Sun 17 Jan 03:12 by ${FALLBACK}`,
    );
    expect(text).toContain(
      `Handling: urgent: emailed Sun 17 Jan 02:05 to ${FALLBACK}, ${ONCALL}; escalated to ${ONCALL} at Sun 17 Jan 02:20, ${DIRECTOR} at Sun 17 Jan 02:35; not acknowledged`,
    );
    expect(text).toContain('Handling: alerted Fri 15 Jan 17:00');
    expect(text).toContain('Handling: found Fri 15 Jan 17:20, out of hours: first shown here');
    // urgent first, then concerns, then the rest
    const order = ['@nightowl', '@sister', '@midmorning', '@lastminute', '@evening', '@volunteer'].map((a) =>
      text.indexOf(`] ${a} on`),
    );
    expect(order.slice(0, 3).every((i) => i < Math.min(...order.slice(3)))).toBe(true);
    expect(order[5]).toBe(Math.max(...order));
  });
});
