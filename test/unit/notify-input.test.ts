import { inputIds, parseNotifyInput } from '../../lambdas/handlers/notify-input';

const event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'Urgent Mention Alerted',
  source: 'social-duty',
  account: '123456789012',
  time: '2026-12-24T16:00:00Z',
  region: 'eu-west-2',
  resources: [],
  detail: { version: 1, eventId: 'urgent#x#1' },
};

describe('parseNotifyInput', () => {
  it('takes what a consumer rule sends', () => {
    expect(parseNotifyInput({ consumer: 'teams:comms-channel', event })).toEqual({
      consumer: 'teams:comms-channel',
      event,
    });
  });

  it.each([
    [null, 'expected an object'],
    [[], 'expected an object'],
    [{ event }, 'consumer must be a consumer key'],
    [{ consumer: 'pager:x', event }, 'consumer must be a consumer key'],
    [{ consumer: 'sms:', event }, 'consumer must be a consumer key'],
    [{ consumer: 'sms:a' }, 'event must be an EventBridge event object'],
    [{ consumer: 'sms:a', event: { ...event, id: '' } }, 'event.id must be a non-empty string'],
    [
      { consumer: 'sms:a', event: { ...event, 'detail-type': 'Post Eaten' } },
      'event.detail-type must be one of',
    ],
    [{ consumer: 'sms:a', event: { ...event, source: 'aws.events' } }, 'event.source must be social-duty'],
    [{ consumer: 'sms:a', event: { ...event, time: 3 } }, 'event.time must be a string'],
    [{ consumer: 'sms:a', event: { ...event, detail: 'x' } }, 'event.detail must be an object'],
  ])('refuses %j', (input, problem) => {
    expect(() => parseNotifyInput(input)).toThrow(problem);
  });

  it('lists every problem at once', () => {
    expect(() => parseNotifyInput({ consumer: 1, event: { ...event, source: 'x', detail: null } })).toThrow(
      'invalid notify input: consumer must be a consumer key such as teams:ID, sms:ID or webhook:ID; ' +
        'event.source must be social-duty; event.detail must be an object',
    );
  });
});

describe('inputIds', () => {
  it('gives the consumer, the detail-type and both event ids, nothing from the detail besides', () => {
    expect(
      inputIds({ consumer: 'sms:a', event: { ...event, detail: { ...event.detail, text: 'help me' } } }),
    ).toEqual({
      consumer: 'sms:a',
      detailType: 'Urgent Mention Alerted',
      eventId: 'urgent#x#1',
      busEventId: event.id,
    });
  });

  it('gives what it can of a malformed input, clipped', () => {
    expect(inputIds({ consumer: 'x'.repeat(500), event: { 'detail-type': 'nope' } })).toEqual({
      consumer: 'x'.repeat(200),
    });
    expect(inputIds('nonsense')).toEqual({});
  });
});
