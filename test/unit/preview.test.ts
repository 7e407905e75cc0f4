import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { previewActions } from '../../lambdas/core/plan/preview';
import { configWith, sampleConfig } from '../support/example-config';

describe('preview of the sample config', () => {
  const config = sampleConfig();
  const calendar = new WorkingCalendar(config);

  it('lists Christmas 2026 as CONTRACT.md describes', () => {
    const preview = previewActions(config, calendar, '2026-12-21', '2027-01-05');
    expect(preview.from).toBe('2026-12-21');
    expect(preview.timezone).toBe('Europe/London');
    const brief = preview.actions.map(
      (a) => `${a.at} ${a.kind} ${a.id} ${a.status}${a.reason ? ` (${a.reason})` : ''}`,
    );
    expect(brief.filter((line) => line.includes('2026-12-2'))).toEqual([
      '2026-12-21T08:45:00+00:00 briefing briefing scheduled',
      '2026-12-21T09:00:00+00:00 reopening reopening scheduled',
      '2026-12-21T11:00:00+00:00 post wyg scheduled',
      '2026-12-22T08:45:00+00:00 briefing briefing scheduled',
      '2026-12-22T10:30:00+00:00 post pals scheduled',
      '2026-12-23T08:45:00+00:00 briefing briefing scheduled',
      '2026-12-23T12:00:00+00:00 post staff-awards scheduled',
      '2026-12-23T16:00:00+00:00 closing closing scheduled',
      '2026-12-24T10:30:00+00:00 post pals skipped (closure)',
      '2026-12-28T11:00:00+00:00 post wyg skipped (bank holiday)',
      '2026-12-29T08:45:00+00:00 briefing briefing scheduled',
      '2026-12-29T09:00:00+00:00 reopening reopening scheduled',
      '2026-12-29T10:30:00+00:00 post pals scheduled',
    ]);
    const closing = preview.actions.find((a) => a.kind === 'closing');
    expect(closing).toEqual({
      at: '2026-12-23T16:00:00+00:00',
      kind: 'closing',
      id: 'closing',
      account: 'main',
      network: 'x',
      text: "We're signing off for the holiday. If you need advice or support, please see https://www.leedsandyorkpft.nhs.uk. We'll be back tweeting on Tuesday 29 December.",
      weightedLength: 148,
      length: 148,
      maxLength: 280,
      status: 'scheduled',
    });
    expect(preview.actions.find((a) => a.at.startsWith('2026-12-29T08:45'))).toEqual({
      at: '2026-12-29T08:45:00+00:00',
      kind: 'briefing',
      id: 'briefing',
      to: 'sam.duty@leedsandyorkpft.nhs.uk',
      status: 'scheduled',
    });
  });

  it('rotates variants only on occurrences that post, starting fresh at --from', () => {
    const preview = previewActions(config, calendar, '2026-12-22', '2027-01-07');
    const pals = preview.actions.filter((a) => a.id === 'pals');
    expect(pals.map((a) => [a.at.slice(0, 10), a.status, a.text?.slice(0, 12)])).toEqual([
      ['2026-12-22', 'scheduled', 'Got a query '],
      ['2026-12-24', 'skipped', 'PALS is here'],
      ['2026-12-29', 'scheduled', 'PALS is here'],
      ['2026-12-31', 'scheduled', 'Got a query '],
      ['2027-01-05', 'scheduled', 'PALS is here'],
      ['2027-01-07', 'scheduled', 'Got a query '],
    ]);
  });

  it('skips posting in a pause but keeps briefings, with offsets across the clock change', () => {
    const preview = previewActions(config, calendar, '2027-04-06', '2027-04-08');
    const byDay = (prefix: string) =>
      preview.actions
        .filter((a) => a.at.startsWith(prefix))
        .map((a) => `${a.kind}:${a.status}:${a.reason ?? ''}`);
    expect(byDay('2027-04-06')).toEqual(['briefing:scheduled:', 'post:scheduled:']);
    expect(byDay('2027-04-08')).toEqual(['briefing:scheduled:', 'post:skipped:paused: Pre-election period']);
    expect(preview.actions[0]?.at).toBe('2027-04-06T08:45:00+01:00');
  });

  it('does not list posts outside their campaign dates', () => {
    const preview = previewActions(config, calendar, '2027-02-01', '2027-02-14');
    expect(preview.actions.some((a) => a.id === 'staff-awards')).toBe(false);
    expect(
      previewActions(config, calendar, '2027-01-25', '2027-01-31').actions.some(
        (a) => a.id === 'staff-awards',
      ),
    ).toBe(true);
  });

  it('posts on closed days when onClosedDays is post', () => {
    const always = configWith((c) => {
      ((c.posts as Array<Record<string, unknown>>)[2] as Record<string, unknown>).onClosedDays = 'post';
    });
    const preview = previewActions(always, new WorkingCalendar(always), '2026-12-28', '2026-12-28');
    expect(preview.actions.find((a) => a.id === 'wyg')?.status).toBe('scheduled');
  });

  it('applies a runtime pause the same way as a config pause', () => {
    const preview = previewActions(config, calendar, '2026-12-22', '2026-12-23', {
      until: '2026-12-22',
      reason: 'major incident',
    });
    expect(preview.actions.filter((a) => a.status === 'skipped').map((a) => `${a.id} ${a.reason}`)).toEqual([
      'pals paused: major incident',
    ]);
  });
});
