import { dutyEventFrom } from '../../lambdas/core/events/duty-events';
import type { AuditRecord } from '../../lambdas/ports/state';

const AT = '2026-12-26T02:05:09.412Z';
const TICK = '2026-12-26T02:05:00.000Z';

function record(overrides: Partial<AuditRecord> & Pick<AuditRecord, 'event' | 'subject'>): AuditRecord {
  return { at: AT, scheduledTime: TICK, configVersion: '9f2c41d07a6b', ...overrides };
}

describe('dutyEventFrom', () => {
  it('gives every detail the common fields, from the record', () => {
    const event = dutyEventFrom(record({ event: 'source-recovered', subject: 'google-alert-trust' }));
    expect(event).toEqual({
      detailType: 'Source Recovered',
      detail: {
        version: 1,
        eventId: expect.stringMatching(/^[0-9a-f]{32}$/),
        at: AT,
        configVersion: '9f2c41d07a6b',
        scheduledTime: TICK,
        sourceId: 'google-alert-trust',
      },
    });
  });

  it('leaves scheduledTime out when no schedule caused it (an acknowledgement)', () => {
    const event = dutyEventFrom({
      at: AT,
      event: 'acknowledged',
      subject: 'x#1872000000000000001',
      configVersion: 'v1',
      detail: { by: 'sam.duty@leedsandyorkpft.nhs.uk' },
    });
    expect(event?.detailType).toBe('Urgent Mention Acknowledged');
    expect(event?.detail).not.toHaveProperty('scheduledTime');
    expect(event?.detail).toMatchObject({
      mentionKey: 'x#1872000000000000001',
      by: 'sam.duty@leedsandyorkpft.nhs.uk',
    });
  });

  describe('eventId', () => {
    it('is the same for the same record, so a subscriber can drop a duplicate', () => {
      const a = dutyEventFrom(record({ event: 'posted', subject: 'pals', detail: { tweetId: '1' } }));
      const b = dutyEventFrom(record({ event: 'posted', subject: 'pals', detail: { tweetId: '1' } }));
      expect(a?.detail.eventId).toBe(b?.detail.eventId);
    });

    it.each([
      ['another event', { event: 'failed' as const }],
      ['another subject', { subject: 'closing' }],
      ['another tick', { scheduledTime: '2026-12-26T02:10:00.000Z' }],
      ['another time', { at: '2026-12-26T02:05:10.000Z' }],
    ])('differs for %s', (_label, change) => {
      const base = record({ event: 'posted', subject: 'pals', detail: { tweetId: '1' } });
      const a = dutyEventFrom(base);
      const b = dutyEventFrom({ ...base, ...change });
      expect(a?.detail.eventId).not.toBe(b?.detail.eventId);
    });
  });

  it('turns each post outcome into its detail-type', () => {
    const events = [
      record({ event: 'posted', subject: 'pals', detail: { tweetId: '1872', account: 'trust' } }),
      record({ event: 'skipped', subject: 'pals', detail: { reason: 'bank holiday' } }),
      record({ event: 'failed', subject: 'pals', detail: { reason: 'X refused the post' } }),
      record({ event: 'stuck', subject: 'closing', detail: { reason: 'no answer from X' } }),
      record({ event: 'deleted', subject: 'closing', detail: { tweetId: '1871' } }),
    ].map(dutyEventFrom);
    expect(events.map((e) => [e?.detailType, e?.detail])).toEqual([
      [
        'Post Published',
        expect.objectContaining({
          postId: 'pals',
          account: 'trust',
          tweetId: '1872',
          url: 'https://x.com/i/web/status/1872',
        }),
      ],
      ['Post Skipped', expect.objectContaining({ postId: 'pals', reason: 'bank holiday' })],
      ['Post Failed', expect.objectContaining({ postId: 'pals', reason: 'X refused the post' })],
      ['Post Needs Checking', expect.objectContaining({ postId: 'closing', reason: 'no answer from X' })],
      ['Sign-off Deleted', expect.objectContaining({ postId: 'closing', tweetId: '1871' })],
    ]);
  });

  it('lists the urgent alert recipients and rules, with the source and link the sweep recorded', () => {
    const event = dutyEventFrom(
      record({
        event: 'urgent',
        subject: 'x#1872000000000000001',
        detail: {
          source: 'x-mentions',
          url: 'https://x.com/i/web/status/1872000000000000001',
          recipients: 'sam.duty@leedsandyorkpft.nhs.uk oncall@leedsandyorkpft.nhs.uk',
          rules: 'crisis: ending life; keyword: end it all',
          lexicon: '2026-12.2',
        },
      }),
    );
    expect(event).toEqual({
      detailType: 'Urgent Mention Alerted',
      detail: expect.objectContaining({
        mentionKey: 'x#1872000000000000001',
        source: 'x-mentions',
        category: 'urgent',
        mentionUrl: 'https://x.com/i/web/status/1872000000000000001',
        recipients: ['sam.duty@leedsandyorkpft.nhs.uk', 'oncall@leedsandyorkpft.nhs.uk'],
        rules: ['crisis: ending life', 'keyword: end it all'],
        lexicon: '2026-12.2',
      }),
    });
  });

  it('names the source from the key for urgent records written before the source was recorded', () => {
    const event = dutyEventFrom(
      record({
        event: 'urgent',
        subject: 'google-alert-trust#tag:google.com,2013:1',
        detail: { rules: 'x' },
      }),
    );
    expect(event?.detail).toMatchObject({ source: 'google-alert-trust' });
    expect(event?.detail).not.toHaveProperty('mentionUrl');
    expect(event?.detail).not.toHaveProperty('lexicon');
  });

  it('keeps only the fields its schema names: nothing else a record holds reaches a subscriber', () => {
    const event = dutyEventFrom(
      record({
        event: 'urgent',
        subject: 'x#1',
        detail: { rules: 'crisis: ending life', text: 'I cannot go on', author: '@someone' },
      }),
    );
    expect(JSON.stringify(event)).not.toMatch(/cannot go on|@someone/);
  });

  it('reports escalations, alerts, sweeps and source failures with their counts', () => {
    expect(
      dutyEventFrom(record({ event: 'escalated', subject: 'x#1', detail: { to: 'head@trust', step: 2 } }))
        ?.detail,
    ).toMatchObject({ mentionKey: 'x#1', to: 'head@trust', step: 2 });
    expect(
      dutyEventFrom(
        record({ event: 'alert', subject: 'sweep', detail: { mentions: 3, concerns: 1, to: 'sam@trust' } }),
      )?.detail,
    ).toMatchObject({ mentions: 3, concerns: 1, to: ['sam@trust'] });
    expect(
      dutyEventFrom(
        record({
          event: 'sweep',
          subject: 'sweep',
          detail: { mode: 'working-hours', found: 4, urgent: 1, alerted: 3, held: 0, failedSources: 1 },
        }),
      ),
    ).toEqual({
      detailType: 'Sweep Completed',
      detail: expect.objectContaining({
        mode: 'working-hours',
        found: 4,
        urgent: 1,
        alerted: 3,
        held: 0,
        failedSources: 1,
      }),
    });
    expect(
      dutyEventFrom(
        record({
          event: 'source-failing',
          subject: 'x-mentions',
          detail: { failures: 6, error: 'X did not answer' },
        }),
      )?.detail,
    ).toMatchObject({ sourceId: 'x-mentions', failures: 6, error: 'X did not answer' });
  });

  it('counts escalation steps from 1, even for a record that lost its step', () => {
    const event = dutyEventFrom(record({ event: 'escalated', subject: 'x#1', detail: { to: 'head@trust' } }));
    expect(event?.detail).toMatchObject({ step: 1 });
  });

  it('counts what is not a whole number as 0, so a damaged record still makes a valid event', () => {
    const event = dutyEventFrom(
      record({ event: 'briefing', subject: 'briefing', detail: { to: 'sam@trust', mentions: 'many' } }),
    );
    expect(event?.detail).toMatchObject({ to: 'sam@trust', mentions: 0, posts: 0, failures: 0 });
  });

  it('publishes only the briefing that went out, not an attempt without a recipient', () => {
    expect(dutyEventFrom(record({ event: 'briefing', subject: 'briefing', detail: { mentions: 2 } }))).toBe(
      undefined,
    );
    expect(
      dutyEventFrom(
        record({
          event: 'briefing',
          subject: 'briefing',
          detail: { to: 'sam@trust', mentions: 2, posts: 3 },
        }),
      ),
    ).toEqual({
      detailType: 'Briefing Sent',
      detail: expect.objectContaining({ to: 'sam@trust', mentions: 2, posts: 3, failures: 0 }),
    });
  });

  it('reports a pause with its end and reason, and a resume with the reason it lifted', () => {
    const pause = dutyEventFrom({
      at: AT,
      event: 'pause',
      subject: 'pause',
      configVersion: 'v1',
      detail: { until: '2027-01-03', reason: 'major incident' },
    });
    const resume = dutyEventFrom({
      at: AT,
      event: 'resume',
      subject: 'pause',
      configVersion: 'v1',
      detail: { was: 'major incident' },
    });
    const resumeOfNothing = dutyEventFrom({ at: AT, event: 'resume', subject: 'pause', configVersion: 'v1' });
    expect(pause).toEqual({
      detailType: 'Pause Changed',
      detail: expect.objectContaining({ paused: true, until: '2027-01-03', reason: 'major incident' }),
    });
    expect(resume?.detail).toMatchObject({ paused: false, reason: 'major incident' });
    expect(resume?.detail).not.toHaveProperty('until');
    expect(resumeOfNothing?.detail).not.toHaveProperty('reason');
  });
});
