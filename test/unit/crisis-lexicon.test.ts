import fc from 'fast-check';
import {
  classifyMention,
  compileAnalyser,
  compileCrisisLexicon,
  compileKeywords,
  CRISIS_LEXICON_VERSION,
  crisisLexicon,
} from '../../lambdas/core/classify';
import { CRISIS_RULES, EXCLUSIONS, WORD_GROUPS } from '../../lambdas/core/crisis/crisis-lexicon';
import { normaliseMention } from '../../lambdas/core/crisis/normalise';
import {
  phraseSource,
  PhraseTemplateError,
  phraseTriggers,
  squash,
} from '../../lambdas/core/crisis/phrase-pattern';
import { loadClassificationSets } from '../../bench/classification-eval';
import { sampleConfig } from '../support/example-config';

const exampleKeywords = sampleConfig().sweeps?.keywords ?? { urgent: [], concern: [] };
/** the lexicon on its own: no trust keywords at all */
const lexiconOnly = { urgent: [], concern: [] };
/** the example keywords without the trust's own notUrgent phrases, so only built-in exclusions are at work */
const builtInExclusionsOnly = { ...exampleKeywords, notUrgent: [] };

describe('built-in crisis lexicon', () => {
  describe('finds crisis language on its own, with the reason', () => {
    it.each([
      // suicidal intent and plans
      ['@LeedsandYorkPFT I want to end it all tonight', 'end it all'],
      ['i just want to die', 'want to die'],
      ['I am going to kill myself', 'kill myself'],
      ['I want to end my life', 'end my life'],
      ['I will take my own life this weekend', 'take my own life'],
      ['I hope I do not wake up tomorrow', 'not wake up'],
      ['going to jump off the bridge tonight', 'jump off / in front of'],
      ['I will jump in front of a train', 'jump off / in front of'],
      ['going to hang myself', 'hang myself'],
      ["I've written a note for my family", 'goodbye note'],
      ['the goodbye letters are done', 'goodbye note'],
      ['this is goodbye', 'this is goodbye'],
      ["I've planned how I'm going to do it", 'plan / method'],
      ['I have been stockpiling my tablets', 'plan / method'],
      // self-harm
      ['I cut myself again', 'cut myself'],
      ['been self-harming all week', 'self-harming'],
      ['I keep hurting myself', 'hurting myself'],
      ['scared I will harm myself', 'harm myself'],
      // overdose and poisoning
      ['I overdosed last night', 'overdose taken'],
      ["I've taken all my tablets", 'overdose taken'],
      ['taken all my pills', 'overdose taken'],
      ['took a load of paracetamol', 'overdose taken'],
      ['swallowed a packet of sertraline', 'overdose taken'],
      ['I drank bleach', 'poisoning'],
      // hopelessness
      ["I can't go on", "can't go on"],
      ['everyone is better off without me', 'better off without me'],
      ["I won't be here tomorrow", "won't be here tomorrow"],
      ['there is no reason to live', 'no reason to live'],
      ["I don't want to be here anymore", "don't want to be here"],
      ["I can't keep myself safe", "can't keep myself safe"],
      ['there is no point in living', 'no point in living'],
      // someone else at risk
      ["my brother says he'll kill himself", 'third party: will kill themselves'],
      ['my daughter has taken an overdose', 'third party: overdose taken'],
      ['my friend is talking about ending it', 'third party: talking about suicide'],
      ['my husband is threatening suicide', 'threatening suicide'],
      // misspellings and missing apostrophes
      ['i cant go on', "can't go on"],
      ['i dont want to be here anymore', "don't want to be here"],
      ['im going to kill myself', 'kill myself'],
      ['i wont be here tomorrow', "won't be here tomorrow"],
      ["i'll kill myself", 'kill myself'],
      ['ill kill myself', 'kill myself'],
      ['I can’t go on', "can't go on"],
      ['I CANT GO ON', "can't go on"],
      // inflections
      ['thinking about ending my life', 'end my life'],
      ['killing myself is all I think about', 'kill myself'],
      ['she has self-harmed again', 'self-harming'],
      // internet algospeak
      ['gonna kms', 'kms'],
      ['I want to unalive myself', 'unalive'],
      ['thinking about sewerslide again', 'unalive'],
      ['having s*icidal thoughts', 'algospeak: suicide'],
      ['s*icide is all I think about', 'algospeak: suicide'],
    ])('%s → %s', (text, label) => {
      const result = classifyMention(text, lexiconOnly);
      expect(result.category).toBe('urgent');
      expect(result.matched).toContain(label);
    });
  });

  describe('does not page anyone for awareness, news or figures of speech', () => {
    it.each([
      // awareness, training, services, research, fundraising, job adverts
      ['Today is World Suicide Prevention Day, be kind to each other'],
      ['All our ward staff have now done suicide prevention training'],
      ['I have been a Samaritans volunteer for ten years and still love it'],
      ['We have published a report on self-harm services in Leeds'],
      ['Our psychologists are doing research into overdose deaths after discharge'],
      ['Mental Health Awareness Week starts on Monday'],
      ['Join our sponsored suicide prevention walk on Saturday'],
      ['Register now for our webinar on self-harm in teenagers'],
      ['Speaking at the national conference on suicide prevention next week'],
      ['Job: Suicide Prevention Lead (Band 8a), apply by 20 December'],
      ['We are hiring practitioners to support people experiencing suicidal thoughts'],
      // news in the third person past
      ['Inquest hears man took an overdose on the ward after staff shortages'],
      ['Statistics show suicide rates are highest in men aged 45 to 49'],
      // figures of speech
      ['You are killing it with the new website'],
      ['The flapjacks in the cafe are to die for'],
      ['The queue is killing me'],
      ["I'd kill for a coffee"],
      ['Dying to see the new garden'],
      ["I'm dead 😂"],
      ['that killed me lol'],
      ['dead tired after the night shift'],
      ['I could murder a pint'],
      ['Suicide Squad is on telly tonight'],
      ['Die Hard is a Christmas film'],
      ['my phone is dying'],
      ['kill the lights, film night on the ward'],
      ['killing myself laughing at the panto'],
      ['overdosed on mince pies at the staff party'],
      ['@killingitpodcast thanks for having us on'],
      ['ran 10 kms for the trust charity'],
    ])('%s', (text) => {
      expect(classifyMention(text, builtInExclusionsOnly).category).not.toBe('urgent');
    });
  });

  // the phrases and signals only: what the learned crisis words make of everyday text is measured on the
  // ordinary sets among the evaluation sets, where a sentence-by-sentence list like this one would only teach
  // the test its answers
  it('finds no crisis phrase or signal in everyday sentences made of the same words', () => {
    const analyse = compileAnalyser(builtInExclusionsOnly);
    const matcher = (text: string) => ({
      category: analyse(text).urgent.some((m) => m.source !== 'words' && m.explainedBy === undefined)
        ? 'urgent'
        : 'not urgent',
    });
    for (const text of [
      'Today is my last day!',
      'Honestly I would be dead without the crisis team',
      'The PALS office will cease to exist in March',
      'My dad wrote a letter to PALS about it',
      'I will not be here on Monday',
      "there's no point in trying to ring PALS",
      "I'm sorry for everything you've had to deal with",
      'they are missing the point',
      'By the time you read this, our new website will be live!',
      "I'm taking all my tablets and feeling better",
      "can't face tomorrow's appointment",
      "Sorry I won't make it tomorrow, I am ill",
      'if I end it with him will he be upset',
      'I took an extra painkiller for my back',
      "I'm not safe to drive after the new tablets",
      'the new service will end the misery of long waits',
      'I jumped off the bus at the Becklin Centre',
      'Can not go on the website, it keeps crashing',
      'I hurt myself at the gym',
      'cut myself shaving this morning',
      'Take my life back: a recovery college course',
      'Thank you, I survived the night shift!',
    ])
      expect({ text, category: matcher(text).category }).toEqual({
        text,
        category: expect.not.stringMatching(/^urgent$/),
      });
  });

  it('lets an exclusion explain only the matches it overlaps', () => {
    expect(
      classifyMention("It's World Suicide Prevention Day and honestly I want to end it all", exampleKeywords),
    ).toEqual({ category: 'urgent', matched: ['end it all'] });
    expect(classifyMention('the queue is killing me and I want to kill myself', exampleKeywords)).toEqual({
      category: 'urgent',
      matched: ['kill myself'],
    });
    expect(
      classifyMention('killing myself laughing at work, but at night I want to kill myself', lexiconOnly),
    ).toEqual({
      category: 'urgent',
      matched: ['kill myself'],
    });
  });

  it('lets a news marker explain its own sentence only', () => {
    expect(
      classifyMention('Inquest hears patient took an overdose on the ward.', exampleKeywords).category,
    ).toBe('general');
    expect(
      classifyMention(
        'Inquest hears patient took an overdose on the ward. My son took an overdose last night',
        exampleKeywords,
      ),
    ).toEqual({ category: 'urgent', matched: ['overdose', 'overdose taken'] });
  });

  it('shows which exclusion explained each match', () => {
    const analysis = compileAnalyser(exampleKeywords)('Our staff completed suicide prevention training');
    expect(analysis.classification).toEqual({ category: 'general', matched: [] });
    expect(analysis.urgent).toEqual([
      expect.objectContaining({
        label: 'suicide',
        source: 'keyword',
        text: 'suicide',
        explainedBy: expect.any(String),
      }),
    ]);
    expect(analysis.exclusions.map((e) => e.label)).toContain('awareness: the topic as a subject');
  });

  describe('keywords.notUrgent', () => {
    const keywords = { urgent: ['crisis'], concern: [], crisisLexicon: false, notUrgent: ['crisis cafe'] };

    it('explains the matches it overlaps away', () => {
      expect(classifyMention('The crisis cafe is open until midnight', keywords)).toEqual({
        category: 'general',
        matched: [],
      });
    });

    it('does not explain other matches in the same text', () => {
      expect(classifyMention("The crisis cafe was shut and I'm in crisis", keywords)).toEqual({
        category: 'urgent',
        matched: ['crisis'],
      });
    });

    it('explains built-in lexicon matches too', () => {
      const tour = { urgent: [], concern: [], notUrgent: ['End It All tour'] };
      const text = 'Tickets for the End It All tour are on sale';
      expect(classifyMention(text, tour).category).toBe('general');
      const withPhrase = compileAnalyser(tour)(text).urgent.find((m) => m.label === 'end it all');
      expect(withPhrase?.explainedBy).toBe('notUrgent: End It All tour');
      // without the phrase the rule still matches; only the crisis-word reading of the rest explains it
      const without = compileAnalyser(lexiconOnly)(text).urgent.find((m) => m.label === 'end it all');
      expect(without?.explainedBy).toMatch(/^the rest of its sentence reads as/);
    });

    it('is reported as the explanation', () => {
      const analysis = compileAnalyser(keywords)('The crisis cafe is open');
      expect(analysis.urgent[0]?.explainedBy).toBe('notUrgent: crisis cafe');
    });
  });

  describe('crisisLexicon: false', () => {
    const off = { ...exampleKeywords, crisisLexicon: false };

    it('turns the built-in rules off', () => {
      expect(classifyMention('@LeedsandYorkPFT I want to end it all tonight', off)).toEqual({
        category: 'general',
        matched: [],
      });
    });

    it('keeps the trust keywords', () => {
      expect(classifyMention('thinking about an overdose', off)).toEqual({
        category: 'urgent',
        matched: ['overdose'],
      });
    });

    it('keeps the built-in exclusions for the trust keywords', () => {
      expect(classifyMention('Our staff completed suicide prevention training', off).category).toBe(
        'general',
      );
    });

    it('turned on, only ever adds urgency, or explains a keyword by reading its sentence (property)', () => {
      const on = compileAnalyser(exampleKeywords);
      const offMatcher = compileKeywords(off);
      const texts = loadClassificationSets().flatMap((s) => s.mentions.map((m) => m.text));
      fc.assert(
        fc.property(fc.constantFrom(...texts), (text) => {
          if (offMatcher(text).category !== 'urgent') return;
          const analysis = on(text);
          if (analysis.classification.category === 'urgent') return;
          // the one way the lexicon takes urgency away: the crisis words read the keyword's sentence as
          // awareness, news, the past or everyday talk
          const keywords = analysis.urgent.filter((m) => m.source === 'keyword');
          expect(keywords.length).toBeGreaterThan(0);
          for (const m of keywords) expect(m.explainedBy).toMatch(/reads as|^[a-z]/);
          expect(
            keywords.some((m) =>
              /reads as awareness, news, the past or everyday talk/.test(m.explainedBy ?? ''),
            ),
          ).toBe(true);
        }),
      );
    });
  });

  it('names its version for audit records', () => {
    expect(CRISIS_LEXICON_VERSION).toMatch(/^\d{4}-\d{2}\.\d+$/);
  });

  describe('the lexicon file', () => {
    it('gives every rule and exclusion a distinct, short label', () => {
      for (const list of [CRISIS_RULES, EXCLUSIONS]) {
        const labels = list.map((r) => r.label);
        expect(new Set(labels).size).toBe(labels.length);
        for (const label of labels) expect(label.length).toBeLessThanOrEqual(60);
      }
    });

    it('compiles every template', () => {
      expect(() => compileCrisisLexicon()).not.toThrow();
    });

    it('gives every rule trigger words, so a sweep can rule most mentions out at once', () => {
      // a rule without them runs on every mention: rewrite it around a word that is not an everyday one
      expect(
        crisisLexicon()
          .rules.filter((r) => !r.triggers)
          .map((r) => r.label),
      ).toEqual([]);
    });
  });

  describe('trigger words', () => {
    const texts = loadClassificationSets().flatMap((s) => s.mentions.map((m) => m.text));

    /** a rule whose phrase is in the text must never be skipped because its triggers were not */
    function expectTriggersSound(text: string) {
      const normalised = normaliseMention(text);
      const squashed = squash(normalised);
      for (const rule of crisisLexicon().rules) {
        rule.pattern.lastIndex = 0;
        if (rule.trigger && normalised.search(rule.pattern) !== -1)
          expect({ text, rule: rule.label, triggered: rule.trigger.test(squashed) }).toEqual({
            text,
            rule: rule.label,
            triggered: true,
          });
      }
    }

    it('are found in every evaluation text a rule matches', () => {
      texts.forEach(expectTriggersSound);
    });

    it('are found however the words are joined, spelt or decorated (property)', () => {
      const join = fc.constantFrom(' ', '-', '', ' #', '  ', '\n');
      fc.assert(
        fc.property(fc.constantFrom(...texts), join, fc.boolean(), fc.string(), (text, sep, upper, noise) => {
          const words = text.split(' ');
          const joined = words.map((w, i) => (i % 2 === 0 ? w : `${sep}${w}`)).join(' ');
          expectTriggersSound(`${noise} ${upper ? joined.toUpperCase() : joined} ${noise}`);
        }),
      );
    });
  });
});

describe('phrase templates', () => {
  const matches = (templates: string[], text: string) =>
    new RegExp(phraseSource(templates, WORD_GROUPS), 'u').test(normaliseMention(text));

  it('reads choices, optional words, groups, wildcards and <end>', () => {
    expect(matches(['(end|ending) [it] all'], 'ending all')).toBe(true);
    expect(matches(['(end|ending) [it] all'], 'ending it all')).toBe(true);
    expect(matches(['taken all {meds}'], 'taken all paracetamol')).toBe(true);
    expect(matches(['taken all * {meds}'], 'taken all of my sleeping tablets')).toBe(true);
    expect(matches(['taken all * {meds}'], 'taken all of it. My tablets')).toBe(false);
    expect(matches(["can't go on <end>"], "can't go on.")).toBe(true);
    expect(matches(["can't go on <end>"], "can't go on the website")).toBe(false);
    expect(matches(['took <many> {meds}'], 'took 30 tablets')).toBe(true);
    expect(matches(['took <many> {meds}'], 'took 2 tablets')).toBe(false);
  });

  it('treats spaces, hyphens, hashtags and missing apostrophes alike, and never matches inside a word', () => {
    for (const text of ["can't go on", 'cant go on', 'CANT-GO-ON', '#cantgoon', 'can’t go on'])
      expect(matches(["can't go on"], text)).toBe(true);
    expect(matches(['end it all'], 'blend it all')).toBe(false);
    expect(matches(['end it all'], 'end it allotment')).toBe(false);
  });

  it.each([
    ['[only] [optional]', 'needs at least one word'],
    ['(a|)', 'an empty choice'],
    ['* words', 'before the first word'],
    ['words *', 'after the last word'],
    ['{nosuchgroup}', 'unknown word group'],
    ['want? to die', 'not part of the phrase language'],
    ['(a|b', 'missing ")"'],
    ['a|b', 'outside'],
    ['<soon>', 'unknown <soon>'],
  ])('refuses the template %s', (template, problem) => {
    expect(() => phraseSource([template], WORD_GROUPS)).toThrow(PhraseTemplateError);
    expect(() => phraseSource([template], WORD_GROUPS)).toThrow(problem);
  });

  it('refuses a word group that refers to itself', () => {
    expect(() => phraseSource(['{loop}'], { loop: ['a {loop}'] })).toThrow('refers to itself');
  });

  it('finds trigger pieces that hold whole runs of everyday words', () => {
    expect(phraseTriggers(["can't go on"], WORD_GROUPS)).toEqual(['cantgoon']);
    // an everyday word alone would let nearly every mention through: better no triggers, so the rule always runs
    expect(phraseTriggers(['(want|need)'], WORD_GROUPS)).toBeUndefined();
  });
});
