import fc from 'fast-check';
import { classifyMention, compileKeywords } from '../../lambdas/core/classify';
import { sampleConfig } from '../support/example-config';

const keywords = sampleConfig().sweeps?.keywords ?? { urgent: [], concern: [] };

describe('mention classification', () => {
  it.each([
    ['I feel SUICIDAL today', 'urgent', ['suicidal']],
    ['thinking about self-harm again', 'urgent', ['self harm', 'self-harm']],
    ['#selfharm awareness', 'urgent', ['self harm', 'self-harm']],
    [
      'so much waiting... and my appointment was cancelled!',
      'concern',
      ['waiting', 'appointment', 'cancelled'],
    ],
    ['#complaint about parking', 'concern', ['complaint']],
    ['staff were "rude" to me', 'concern', ['rude']],
    ['I am not happy with the ward', 'concern', ['not happy']],
    ['what a disappointment', 'general', []],
    ['great open day, thank you', 'general', []],
    ['complaints department', 'general', []],
  ])('%s → %s', (text, category, matched) => {
    expect(classifyMention(text, keywords)).toEqual({ category, matched });
  });

  it('checks urgent before concern', () => {
    expect(classifyMention('complaint: my friend talked about an overdose', keywords).category).toBe(
      'urgent',
    );
  });

  it('never calls a text general when it holds a keyword between spaces (property)', () => {
    const matcher = compileKeywords(keywords);
    const all = [...keywords.urgent, ...keywords.concern];
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.string(), fc.string(), (keyword, before, after) => {
        expect(matcher(`${before} ${keyword} ${after}`).category).not.toBe('general');
      }),
    );
  });

  it('matches nothing with no keywords', () => {
    expect(classifyMention('suicide', { urgent: [], concern: [] })).toEqual({
      category: 'general',
      matched: [],
    });
  });

  it('ignores keywords with no words in them instead of matching everything', () => {
    expect(classifyMention('lovely day', { urgent: [' ', '-'], concern: ['rude'] })).toEqual({
      category: 'general',
      matched: [],
    });
  });
});
