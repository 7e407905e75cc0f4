import CRISIS_WORDS from '../../lambdas/core/crisis/crisis-words.json';
import fc from 'fast-check';
import { classifyMention, compileAnalyser, compileKeywords } from '../../lambdas/core/classify';
import { sampleConfig } from '../support/example-config';

const keywords = sampleConfig().sweeps?.keywords ?? { urgent: [], concern: [] };
const noKeywords = { urgent: [], concern: [] };

describe('mention classification', () => {
  it.each([
    ['I feel SUICIDAL today', 'urgent', ['suicidal']],
    ['thinking about self-harm again', 'urgent', ['self harm', 'self-harm']],
    ['#selfharm again tonight', 'urgent', ['self harm', 'self-harm']],
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
    // an awareness hashtag explains the keyword it holds (built-in exclusion)
    ['#selfharm awareness', 'general', []],
  ])('%s → %s', (text, category, matched) => {
    expect(classifyMention(text, keywords)).toEqual({ category, matched });
  });

  it('checks urgent before concern', () => {
    expect(
      classifyMention('complaint: nobody came out and my friend has taken an overdose', keywords).category,
    ).toBe('urgent');
  });

  it('never calls a text general when it holds a keyword between spaces, unless an exclusion explains it (property)', () => {
    const analyse = compileAnalyser(keywords);
    const all = [...keywords.urgent, ...keywords.concern];
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.string(), fc.string(), (keyword, before, after) => {
        const analysis = analyse(`${before} ${keyword} ${after}`);
        if (analysis.classification.category !== 'general') return;
        // the only way a keyword between spaces is not counted: an urgent one that an exclusion explains
        expect(keywords.urgent).toContain(keyword);
        const ofKeyword = analysis.urgent.filter((m) => m.source === 'keyword' && m.label === keyword);
        expect(ofKeyword.length).toBeGreaterThan(0);
        expect(ofKeyword.every((m) => m.explainedBy !== undefined)).toBe(true);
      }),
    );
  });

  it('finds a keyword between spaces urgent when the words around it are no exclusion (property)', () => {
    const matcher = compileKeywords(keywords);
    // letters only, never a word an exclusion is made of, nor one the crisis words know ("gp" is one: beside
    // it a keyword reads like a service post, which is the crisis words' job to notice)
    const noise = fc
      .stringMatching(/^[bcdfghjklmnpqrstvwxz]{0,8}$/)
      .filter((w) => !(w in CRISIS_WORDS.weights) && !(`~${w}` in CRISIS_WORDS.weights));
    fc.assert(
      fc.property(fc.constantFrom(...keywords.urgent), noise, noise, (keyword, before, after) => {
        const result = matcher(`${before} ${keyword} ${after}`);
        expect(result.category).toBe('urgent');
        // "self harm" and "self-harm" match each other, so others may be listed too
        expect(result.matched).toContain(keyword);
      }),
    );
  });

  it('matches no keyword with no keywords, and the built-in lexicon only on crisis language', () => {
    expect(classifyMention('suicide', noKeywords)).toEqual({ category: 'general', matched: [] });
    expect(classifyMention('I want to die', noKeywords)).toEqual({
      category: 'urgent',
      matched: ['want to die'],
    });
    expect(classifyMention('I want to die', { ...noKeywords, crisisLexicon: false })).toEqual({
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

  it('lists each matching keyword once, in config order, then lexicon labels in lexicon order', () => {
    const result = classifyMention('I overdosed again. suicide. suicide. overdose', {
      urgent: ['suicide', 'overdose'],
      concern: [],
    });
    expect(result).toEqual({ category: 'urgent', matched: ['suicide', 'overdose', 'overdose taken'] });
  });

  it('reads curly apostrophes, missing apostrophes and styled letters as the plain text', () => {
    const matcher = compileKeywords({ urgent: ["can't cope"], concern: [], crisisLexicon: false });
    for (const text of ['I can’t cope', 'i cant cope', 'I CAN`T COPE', '𝗜 𝗰𝗮𝗻’𝘁 𝗰𝗼𝗽𝗲'])
      expect(matcher(text)).toEqual({ category: 'urgent', matched: ["can't cope"] });
  });

  it('reads accented and plain letters alike', () => {
    const matcher = compileKeywords({
      urgent: ['crisis'],
      concern: [],
      crisisLexicon: false,
      notUrgent: ['Crisis Café'],
    });
    expect(matcher('the crisis cafe is open')).toEqual({ category: 'general', matched: [] });
    expect(matcher('the CRISIS CAFÉ is open')).toEqual({ category: 'general', matched: [] });
    expect(matcher('in crisis, the crisis café is shut')).toEqual({
      category: 'urgent',
      matched: ['crisis'],
    });
  });

  it('does not read links or @handles', () => {
    const matcher = compileKeywords({
      urgent: ['suicide', 'killing it'],
      concern: ['rude'],
      crisisLexicon: false,
    });
    expect(matcher('@suicide_prevention_uk @rude_boy thanks for the follow')).toEqual({
      category: 'general',
      matched: [],
    });
    expect(matcher('read this https://example.org/suicide-and-rude-staff www.suicide.org.uk')).toEqual({
      category: 'general',
      matched: [],
    });
    expect(classifyMention('@killingitpodcast thanks for having us', keywords)).toEqual({
      category: 'general',
      matched: [],
    });
  });

  it('gives the same answer for the same text however often it is asked (no state between mentions)', () => {
    const matcher = compileKeywords(keywords);
    const texts = ['I want to end it all', 'lovely day', 'suicide prevention training', 'waiting again'];
    const first = texts.map(matcher);
    for (let i = 0; i < 3; i++) expect(texts.map(matcher)).toEqual(first);
  });
});
