import {
  briefingEventSchema,
  parseEvent,
  postEventSchema,
  sweepEventSchema,
} from '../../lambdas/handlers/events';

describe('schedule events', () => {
  it('accepts what the schedules send', () => {
    expect(
      parseEvent(postEventSchema, { kind: 'closing', id: 'closing', scheduledTime: '2026-12-23T16:00:00Z' }),
    ).toEqual({ kind: 'closing', id: 'closing', scheduledTime: '2026-12-23T16:00:00Z' });
    expect(
      parseEvent(sweepEventSchema, { kind: 'sweep', scheduledTime: '2026-12-23T16:05:00+00:00' }),
    ).toEqual({
      kind: 'sweep',
      scheduledTime: '2026-12-23T16:05:00+00:00',
    });
    expect(parseEvent(briefingEventSchema, { scheduledTime: '2027-06-04T07:45:00.000Z' })).toEqual({
      scheduledTime: '2027-06-04T07:45:00.000Z',
    });
  });

  it.each([
    ['no object at all', postEventSchema, 'tick', 'invalid event: event must be an object'],
    [
      'a post without a kind or an id',
      postEventSchema,
      { scheduledTime: '2026-12-23T16:00:00Z' },
      'invalid event: kind must be post or closing or reopening; id must be a non-empty string',
    ],
    [
      'a time without an offset',
      sweepEventSchema,
      { scheduledTime: '2026-12-23T16:00:00' },
      'invalid event: scheduledTime must be an ISO 8601 instant',
    ],
    [
      'a date that does not exist',
      briefingEventSchema,
      { scheduledTime: '2026-02-30T08:45:00Z' },
      'invalid event: scheduledTime must be an ISO 8601 instant',
    ],
    [
      'a sweep sent to the briefing',
      briefingEventSchema,
      { kind: 'sweep', scheduledTime: '2026-12-23T08:45:00Z' },
      'invalid event: kind must be briefing',
    ],
  ] as const)('refuses %s in one line', (_what, schema, event, message) => {
    expect(() => parseEvent(schema as typeof postEventSchema, event)).toThrow(new Error(message));
  });
});
