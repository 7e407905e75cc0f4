/**
 * THE BUILT-IN CRISIS LEXICON (English)
 *
 * Plain words a person in crisis, or someone worried about them, might write when they mention the trust. A
 * mention matching any rule below is URGENT: emailed to the duty person at once, any hour. The trust's own
 * `keywords.urgent` list is used as well; `keywords.crisisLexicon: false` turns this file off.
 *
 * Exclusions (further down) are contexts that must not page anyone: awareness days, training, research,
 * news, job adverts, figures of speech. An exclusion only explains away the rule matches whose words it
 * overlaps, so "It's World Suicide Prevention Day and honestly I want to end it all" is still urgent.
 * A keyword system cannot understand everything: the morning briefing still lists every mention.
 *
 * How to read a rule: see the phrase language in phrase-pattern.ts. In short: (a|b) one of, [a] optional,
 * {group} one of a word group below, * up to three other words, <end> nothing but punctuation or emoji after.
 * Case, hyphens, hashtags and missing apostrophes are handled for you: "can't go on" also matches
 * "CANT GO ON" and "#cantgoon". Write apostrophes in the rules, never leave them out.
 *
 * Changing this file: add examples of the new phrasing to a set in test/fixtures/classification/training/
 * first (never to a hold-out set), change the rule, run `npm run gen:crisis-words -- --cv` (does it generalise?),
 * `npx jest test/unit/classification-eval.test.ts` and `npx jest test/unit/crisis-lexicon.test.ts`, and bump
 * the version. Try a phrase with
 * `npx social-duty classify "some text"`. docs/classification.md explains the whole system.
 *
 * Sources (the rules are our own words, informed by the warning signs these publish):
 * - Samaritans, "How to support someone you're worried about" and "Signs someone might be struggling":
 *   https://www.samaritans.org/how-we-can-help/if-youre-worried-about-someone-else/
 * - Samaritans, "Supporting someone with suicidal thoughts":
 *   https://www.samaritans.org/how-we-can-help/if-youre-worried-about-someone-else/supporting-someone-suicidal-thoughts/
 * - Samaritans, "Media guidelines for reporting suicide" (why news and awareness posts are excluded):
 *   https://www.samaritans.org/about-samaritans/media-guidelines/
 * - NHS, "Help for suicidal thoughts" (warning signs, what people may say):
 *   https://www.nhs.uk/mental-health/feelings-symptoms-behaviours/behaviours/help-for-suicidal-thoughts/
 * - NHS, "Self-harm": https://www.nhs.uk/mental-health/feelings-symptoms-behaviours/behaviours/self-harm/
 * - World Health Organization and IASP, "Preventing suicide: a resource for media professionals, 2023
 *   update": https://www.who.int/publications/i/item/9789240076846
 * - Zero Suicide Alliance, suicide awareness training (signs and what people say):
 *   https://www.zerosuicidealliance.com/suicide-awareness-training
 * - NICE guideline NG225, "Self-harm: assessment, management and preventing recurrence" (self-harm is any
 *   intentional self-poisoning or self-injury, whatever the purpose, so overdoses count as self-harm):
 *   https://www.nice.org.uk/guidance/ng225
 * Titles and addresses as known when the lexicon was written (December 2026); they could not be re-checked
 * online from the build environment, so check them before quoting them to anyone.
 */

/** Named in every urgent alert's audit record; bump it whenever a rule or exclusion changes. */
export const CRISIS_LEXICON_VERSION = '2026-12.2';

export interface CrisisRule {
  /** the short reason shown as "matched" in alerts, the briefing and `social-duty classify` */
  label: string;
  /** phrase templates; the rule matches when any one does */
  patterns: readonly string[];
}

export interface ExclusionRule {
  /** shown by `social-duty classify` when it explains a match away */
  label: string;
  /**
   * `phrase`: explains the rule matches its own words overlap. `sentence`: the marker stands for its whole
   * sentence ("Inquest hears … took an overdose …"), so it explains every match in that sentence.
   */
  scope: 'phrase' | 'sentence';
  patterns: readonly string[];
}

/** Word variants used by the rules below as {name}. */
export const WORD_GROUPS = {
  me: ['myself', 'my self', 'meself', 'me self', 'mysefl'],
  them: ['himself', 'herself', 'themselves', 'themself', 'hisself'],
  // someone the writer is worried about: "my brother", "our daughter", "my best friend"
  person: [
    '(my|our|his|her|their) [best|oldest|youngest|little|big|older|younger|eldest|teenage|step] (son|daughter|brother|sister|bro|sis|mum|mam|mom|mother|dad|father|husband|wife|partner|boyfriend|girlfriend|bf|gf|hubby|fiance|fiancee|ex|friend|mate|pal|bestie|flatmate|housemate|roommate|child|kid|teenager|grandson|granddaughter|nephew|niece|cousin|uncle|aunt|auntie|nan|nana|grandma|grandad|grandpa|colleague|neighbour|twin|other half|lad|girl|boy)',
  ],
  he: ['he', 'she', 'they', "he's", "she's", "they're", 'he is', 'she is', 'they are', 'who', 'who is'],
  his: ['his', 'her', 'their'],
  // the writer: rules mostly do without it, as tweets often drop the subject ("want to die")
  i: ["i'm", 'i am', 'iam', "i've", 'i have', "i'd", "i'll", 'i will', 'i', 'me'],
  cant: ["can't", 'cannot', 'can not', 'cnt', "couldn't", 'could not'],
  dont: ["don't", 'do not', "doesn't", 'does not', "didn't", 'did not', 'dnt'],
  wont: ["won't", 'will not', 'wouldnt', "wouldn't", 'would not', 'not going to', 'not gonna'],
  anymore: ['anymore', 'any more', 'any longer'],
  // wanting, planning or being about to
  intent: [
    '[really|just|honestly|seriously] (want|wants|wanted|wanting|wanna|need|needs) to',
    'wanna',
    '[am|is|are|was|were] (going|gonna|planning|plan|trying|about|ready|tempted|decided|deciding) [to]',
    "(i'm|im|i am|he's|she's|they're) [going|gonna] to",
    "(will|'ll|i'll|shall|should|could|might|may) [just]",
    'have decided to',
    '(thinking|thought|think|thinks) (about|of)',
    'feel like',
    'feels like',
    'urge to',
    'urges to',
  ],
  // when: "end it tonight", "end things this weekend"
  when: [
    'tonight',
    'today',
    'now',
    'soon',
    'tomorrow',
    'this (weekend|week|evening|morning|afternoon|time)',
    'once and for all',
    'for good',
    'forever',
    'on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)',
  ],
  // medicines people overdose on in the UK, and the everyday words for them
  meds: [
    'tablets',
    'tablet',
    'pills',
    'pill',
    'meds',
    'medication',
    'medications',
    'medicine',
    'medicines',
    'painkillers',
    'pain killers',
    'sleeping (pills|tablets)',
    'antidepressants',
    'anti-depressants',
    'paracetamol',
    'co-codamol',
    'codeine',
    'ibuprofen',
    'aspirin',
    'naproxen',
    'tramadol',
    'morphine',
    'oxycodone',
    'methadone',
    'sertraline',
    'citalopram',
    'escitalopram',
    'fluoxetine',
    'mirtazapine',
    'amitriptyline',
    'venlafaxine',
    'quetiapine',
    'olanzapine',
    'clozapine',
    'aripiprazole',
    'risperidone',
    'lithium',
    'lamotrigine',
    'sodium valproate',
    'diazepam',
    'lorazepam',
    'zopiclone',
    'promethazine',
    'pregabalin',
    'gabapentin',
    'propranolol',
    'insulin',
    'benzos',
  ],
  // the topic words awareness, training and news posts are about (used by the exclusions)
  topic: [
    'suicide',
    'suicides',
    'suicidal',
    'suicidality',
    'suicidal (thoughts|feelings|ideation|behaviour|behaviours)',
    'self harm',
    'self harming',
    'self harms',
    'self injury',
    'self poisoning',
    'overdose',
    'overdoses',
    '(drug|opioid|accidental) overdose',
    'mental health crisis',
    's*icide',
    'su*cide',
    'sewerslide',
  ],
  topics: ['{topic} [(and|or|&|/|,) [{topic}]] [(and|or|&|/|,) {topic}]'],
  // words before an awareness-post topic: "a webinar on suicide", "research into overdose deaths"
  context: [
    'report',
    'reports',
    'review',
    'research',
    'researching',
    'study',
    'studies',
    'survey',
    'training',
    'trained',
    'course',
    'module',
    'e-learning',
    'webinar',
    'workshop',
    'seminar',
    'conference',
    'talk',
    'lecture',
    'session',
    'podcast',
    'event',
    'guide',
    'guidance',
    'leaflet',
    'booklet',
    'resources',
    'toolkit',
    'campaign',
    'strategy',
    'article',
    'documentary',
    'book',
    'paper',
    'audit',
    'inquiry',
    'investigation',
    'statistics',
    'figures',
    'data',
    'information',
    'awareness',
    'stigma',
    'myths',
    'language',
    'taboo',
  ],
  // words after a topic that make it an awareness, service or news post: "suicide prevention", "self-harm service"
  topicNoun: [
    'prevention',
    'awareness',
    'training',
    'course',
    'courses',
    'workshop',
    'webinar',
    'conference',
    'seminar',
    'lecture',
    'research',
    'study',
    'statistics',
    'stats',
    'figures',
    'data',
    'rates',
    'rate',
    'numbers',
    'deaths',
    'admissions',
    'cases',
    'services',
    'service',
    'team',
    'pathway',
    'charity',
    'charities',
    'helpline',
    'campaign',
    'fundraiser',
    'walk',
    'toolkit',
    'resources',
    'strategy',
    'policy',
    'lead',
    'leads',
    'nurse',
    'nurses',
    'practitioner',
    'practitioners',
    'liaison',
    'specialist',
    'worker',
    'workers',
    'clinician',
    'therapist',
    'coordinator',
    'champion',
    'champions',
    'first aid',
    'bereavement',
    'postvention',
    'guidance',
    'guidelines',
    'framework',
    'reduction',
    'risk assessment',
    'partnership',
    'network',
    'alliance',
    'forum',
    'safer',
    'safety planning',
    'kits',
    'awareness day',
  ],
  // people a professional post talks about: "support people experiencing suicidal thoughts"
  people: [
    'people',
    'those',
    'anyone',
    'patients',
    'individuals',
    'adults',
    'young people',
    'children',
    'men',
    'women',
    'students',
    'staff',
    'colleagues',
    'families',
    'carers',
    'service users',
    'veterans',
  ],
  outlet: [
    '(bbc|itv|sky|channel 4|channel 5) (news|look north|calendar|breakfast)',
    '[the] yorkshire (post|evening post)',
    '(york press|harrogate advertiser|huddersfield examiner|telegraph and argus|hsj|health service journal|nursing times)',
  ],
  laugh: ['😂', '🤣', '💀', '😭', '😆', 'lol', 'lmao', 'lmfao', 'haha', 'hahaha', 'pmsl', 'rofl'],
} as const;

/**
 * Rules that name an act, a method or a plan, which nobody writes as a figure of speech: the crisis-word
 * reading never explains these away (only an exclusion does, such as "when I was 17"). The others ("kill
 * myself", "I want to die", "kms") are also everyday hyperbole, and the reading may explain them.
 */
export const LITERAL_RULES: readonly string[] = [
  'end my life',
  'take my own life',
  'hang myself',
  'crash the car',
  'goodbye note',
  'plan / method',
  'method research',
  'cut myself',
  'self-harming',
  'harm myself',
  'overdose taken',
  'overdose intent',
  'poisoning',
  'third party: overdose taken',
  'third party: missing or left a note',
  'third party: self-harm',
];

export const CRISIS_RULES: readonly CrisisRule[] = [
  // ── suicidal intent and plans ───────────────────────────────────────────────────────────────────────
  { label: 'kill myself', patterns: ['(kill|killing|kil|kll|killin) {me}'] },
  { label: 'kms', patterns: ['kms'] },
  {
    label: 'end my life',
    patterns: ['(end|ending|ended|finish|finishing) my [own] life'],
  },
  {
    label: 'take my own life',
    patterns: [
      '(take|taking|took) my own life',
      '(take|taking) my life ({when}|<end>|away)',
      '{intent} take my life',
    ],
  },
  { label: 'end it all', patterns: ['(end|ending|ended|finish|finishing) it all'] },
  {
    label: 'end it',
    patterns: [
      '{intent} (end|ending) (it|things|everything) ({when}|<end>)',
      '(end|ending) (it|things) {when}',
      'thinking (about|of) (ending|finishing) (it|things|everything)',
      'if i [just|finally|simply|only] (ended|end) (it all|my life)',
      'if i [just|finally|simply|only] (ended|end) (it|things|everything) ({when}|<end>)',
      '(all i|all i can|all i ever) (think|thinking) about is (ending|killing {me}|dying|death|suicide|jumping|overdosing|the pills|hurting {me}|cutting|not being here)',
      '(end|ending) my (suffering|misery|pain)',
      '{intent} end the (pain|suffering|misery) (for good|forever|once and for all|tonight)',
      'put {me} out of my misery',
    ],
  },
  {
    label: 'want to die',
    patterns: [
      '(want|wants|wanted|wanting|ready|deserve|deserves|need|needs) to die',
      '(wanna|want|wants) [to] die',
      "(wish|hope|pray) [that] (i|i could|i would|i'd) die",
      '[just] let me die',
      'wish i (was|were|could be) (dead|gone|never born)',
      "wish i (wasn't|was not|weren't|were not|hadn't been|had not been|had never been) (born|here|alive|around)",
      '(want|wants|wanna|deserve|deserves|ought) to be dead',
      'should be dead [by now|already]',
      '{dont} deserve to (live|be alive|exist)',
      '(be|feel) better [off] dead',
      'rather be dead',
    ],
  },
  {
    label: 'commit suicide',
    patterns: [
      '{intent} (commit|committing|do) (suicide|sewerslide)',
      '(attempted|attempting|attempt|tried|trying|try) [to commit] suicide',
      'suicide (note|notes|letter|letters|plan|pact)',
    ],
  },
  {
    label: 'suicidal',
    patterns: [
      "(feel|feeling|feels|felt|i'm|i am|iam|is|he's|she's|they're|been|getting|got|so|really|very|actively|properly|extremely|quite) suicidal",
      'suicidal (thoughts|thought|feelings|ideation|urges|again|tonight|today|right now|at the moment)',
      'thoughts of (suicide|killing {me}|ending my life|dying)',
      '(thinking|thought|think|thinks) (about|of) (suicide|dying|killing {me}|ending my life|taking my [own] life|sewerslide|unaliving {me}|overdosing|jumping)',
      "(keep|can't stop|can not stop) thinking about (dying|death|suicide|jumping|the pills|the tablets|the rope|the bridge|using it)",
    ],
  },
  {
    label: 'not wake up',
    patterns: [
      '(hope|hoping|wish|wishing|want|pray|praying) [that] [i] ({dont}|{wont}|never) wake up',
      '(go to sleep|sleep|fall asleep|going to sleep) and (not|never) wake up',
      'never wake up again',
      '{dont} want to wake up (<end>|again|ever again|anymore|any more|tomorrow)',
      '(rather|prefer to|want to|wanna) not wake up',
      "(not|don't|never) [to] wake up (tomorrow|again|in the morning)",
    ],
  },
  { label: 'hang myself', patterns: ['(hang|hanging|hanged|hung) {me}'] },
  {
    label: 'jump off / in front of',
    patterns: [
      '(jump|jumping|jumped|throw {me}|throwing {me}|threw {me}) (off|from) (a|the|that|this) * (bridge|building|roof|cliff|cliffs|car park|multi storey|multistorey|tower|tower block|flats|balcony|viaduct|ledge|centre|shopping centre|hospital)',
      '(throw|throwing|threw|chuck|chucking) {me} (off|from|in front of|under)',
      '(jump|jumping) (off|from) (the|a) (top|roof|edge) of',
      '(jump|jumping|jumped|throw {me}|throwing {me}|threw {me}|step|stepping|stepped|walk|walking|walked|lie|lying|lay|run|running) (in front of|infront of|under) (a|the|that|this) * (train|trains|bus|lorry|truck|car|cars|van|tram|traffic)',
      "(i'm|im|i am|stood|standing|sat|sitting) on (the|a) [(edge|ledge|top|side) of (the|a)] (bridge|railway bridge|roof|cliff edge|ledge)",
      "(i'm|im|i am|stood|standing|sat|sitting) on (the|a) (edge|ledge|top|side) of (the|a) (car park|multi storey|building|tower block|cliff)",
      "(he's|she's|they're|he is|she is|they are) [stood|standing|sat|sitting|up] (on|at) (the|a) [(edge|ledge|top|side) of (the|a)] (roof|bridge|railway bridge|ledge|cliff edge)",
      "(he's|she's|they're|he is|she is|they are|saying he's|saying she's|says he's|says she's|saying they're) (going to|gonna|about to|threatening to) jump <end>",
    ],
  },
  {
    label: 'crash the car',
    patterns: [
      '(drive|driving|drove|crash|crashing|crashed|steer|steering|swerve|swerving) (my|his|her|their|the|a) (car|van) (into|off) (a|the) * (wall|tree|bridge|lorry|river|cliff|road|motorway|reservoir|canal)',
      '(drive|driving|drove|crash|crashing|swerve|swerving) (off|into) (the|a) (road|bridge|cliff|wall|tree|lorry|river|reservoir|canal) ({when}|<end>|on purpose|deliberately|one night|one day)',
    ],
  },
  {
    label: 'goodbye note',
    patterns: [
      '(written|wrote|writing|write|left|leaving|finished) [a|my|the|some] (suicide|goodbye|final|last) (note|notes|letter|letters|message|messages)',
      '(written|wrote|writing|finished) (a note|notes|a letter|letters) (for|to) (my|the) (mum|mam|dad|kids|children|family|husband|wife|partner|son|daughter|parents|loved ones|boys|girls)',
      '(written|wrote|writing|finished) (a note|notes|a letter|letters) (for|to) (everyone|everybody)',
      'goodbye (note|notes|letter|letters|message|messages|texts|post|video)',
    ],
  },
  {
    label: 'last night alive',
    patterns: [
      // never "today is my last day", which staff leaving a job write
      'tonight (is|will be) (the|my) last night <end>',
      '(my|the) last (night|day) (alive|on earth|of my life)',
      "by the time (you|anyone|someone|anybody|people|they) (read|reads|see|sees|find|finds) this [,] (i'll|i will|ill|i'm|i am|i'd|i|it'll|it will) (be|have|am)",
      "(i'll|i will|ill|i'm going to|i'm gonna|im gonna) be dead by (tonight|tomorrow|the morning|the weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week)",
      "(i'll|i will|ill) be dead (soon|tonight|tomorrow)",
    ],
  },
  {
    label: 'this is goodbye',
    patterns: [
      'this is goodbye',
      '(goodbye|bye) (everyone|everybody|world) <end>',
      'saying goodbye to (everyone|everybody|the world|my family|my kids)',
      "(i'm|im|i am) [so|really] sorry for everything <end>",
      "(he's|she's|they're|he is|she is|they are|that he is|that she is|that they are|saying sorry|says sorry|said sorry) [so|really] [sorry] for everything",
    ],
  },
  {
    label: 'plan / method',
    patterns: [
      "(planned|planning|worked out|decided|know|chosen|picked) (how|when|where) (i'll|i will|i'm going to|im going to|i'm gonna|im gonna|to) * (do it|end it|die|kill {me}|end my life|take my life)",
      "(i've|i have|ive|got|i've got|have) (a|the) plan (to|for) (end|kill|die|do it|take my|overdose|jump|hang)",
      '(stockpiling|stockpiled|stockpile|hoarding|hoarded|stash of|saving up|saved up|been saving) * {meds}',
      'enough {meds} to (kill|end|do it|die|overdose)',
      "(have|got|bought|hidden|hid|holding|kept|i've got) (a|the|some) (rope|noose|ligature|razor blade)",
      '(tied|made|tying|making) a (noose|ligature)',
      '{meds} [are|is|are all|all] (in my hand|in my hands|lined up|counted out|laid out|in front of me|next to me|by the bed)',
      "(have|got|holding|i have|i've got) (the|my|all my|all the) {meds} (in my hand|in my hands|lined up|counted out|in front of me|next to me)",
    ],
  },
  {
    label: 'method research',
    patterns: [
      '(googling|googled|google|searching|searched|search|looking up|looked up|researching|researched|reading up on|read up on|asking|asked) (how many|how much) * ({meds}|it takes to|would kill|would be fatal|to die)',
      '(googling|googled|searching|searched|looking up|looked up|researching|researched) (how to|ways to|the best way to|quickest way to|painless ways to|easiest way to) (die|kill {me}|end it|end my life|overdose|hang {me})',
      '(lethal|fatal|deadly) (dose|amount|overdose) of',
      'how (many|much) * (would be|is) (fatal|lethal|enough to (kill|die))',
    ],
  },
  {
    label: 'unalive',
    patterns: [
      '(unalive|unaliving|unalived) [{me}|me]',
      'self (delete|deleting|deletion)',
      'sewer slide',
      'toaster bath',
    ],
  },
  {
    label: 'algospeak: suicide',
    patterns: [
      '(s*icide|su*cide|s**cide|sui*ide|suic*de|su1c1de|su1cide|suicid3|$uicide|s.uicide)',
      '(s*icidal|su*cidal|sui*idal|suic*dal|su1c1dal|$uicidal)',
    ],
  },

  // ── self-harm (NICE NG225: any intentional self-injury or self-poisoning) ───────────────────────────
  {
    label: 'cut myself',
    patterns: [
      '(cut|cutting|cuts|slit|slitting|slash|slashed|slashing) {me}',
      '(cut|cutting|slit|slitting|slash|slashed|slashing) my (wrist|wrists|thigh|thighs)',
      '(cutting|slashing|slashed|slitting) my (arm|arms|leg|legs|skin)',
      '(started|starting|start|been) cutting again',
      'cut again (last night|tonight|today|this morning|this week|this afternoon)',
      '{i} (cut|cuts) again',
      '(cut|cutting) (deeper|too deep) (this time|tonight|than ever|than before)',
    ],
  },
  {
    label: 'self-harming',
    patterns: [
      '(self harming|self harmed|self harmin)',
      '{i} [still|keep|have|always|sometimes] self harm',
      '(urge|urges|urging|tempted) to (self harm|sh|cut)',
      '(want|wanting|wanted|going|need) to (self harm|sh)',
      '(self harm|sh|cutting) (urges|urge|relapse)',
      '(relapsed|relapse|relapsing) (on|with|into|in) (self harm|sh|cutting)',
      "(started|starting|start|been) (sh'ing|shing) again",
    ],
  },
  { label: 'harm myself', patterns: ['(harm|harming|harmed) {me}'] },
  {
    label: 'hurting myself',
    patterns: [
      '(hurting|burning|punishing) {me}',
      '{intent} (hurt|burn|punish) {me}',
      '(hurt|burnt|burned) {me} (again|tonight|on purpose|deliberately|badly|worse)',
      "(scared|afraid|frightened|worried) of what (i'll|i will|i might|i could|i'm going to) do",
      "(scared|afraid|frightened|worried) (i'll|i will|i might|i'm going to|im going to|i'd) (do something|act on|hurt {me}|harm {me}|kill {me}|end it)",
    ],
  },

  // ── overdose and poisoning ──────────────────────────────────────────────────────────────────────────
  {
    label: 'overdose taken',
    patterns: [
      // "od'd" is left out: with its apostrophe optional it would read "odd"
      'overdosed',
      '(taken|took|had|done|did) (an|a|another) (overdose|od)',
      '(taken|took|swallowed|swallowing|necked|downed|popped) (all|all of|a load of|loads of|a handful of|handfuls of|a bunch of|a whole|the whole|a full|a (packet|box|bottle|strip|pack|tub) of|two packets of|<number> (packets|boxes|strips|bottles) of|everything in) * ({meds}|cupboard|cabinet|drawer|box)',
      '(taken|took|swallowed|necked|downed|popped|had) (<many>|twenty|thirty|forty|fifty|sixty|a hundred) [of] * {meds}',
      '(taken|took|swallowed|necked|had|taking|swallowing) (too many|too much|way too many|way too much) * {meds}',
      '(taken|took|swallowed|necked) my (whole|entire) (prescription|supply|stash)',
    ],
  },
  {
    label: 'overdose intent',
    patterns: [
      'overdosing',
      '{intent} (overdose|take an overdose|take an od)',
      '(going to|gonna|wanna|want to|about to|thinking of|thinking about) od <end>',
      '{intent} (take|swallow) (everything|the lot|the whole (packet|box|bottle))',
      '{intent} (take|swallow) (all the|all my|all of my) {meds}',
      '(taking|take|swallowing|swallow|necking) (all|all of|the rest of) (my|the|his|her) * {meds} (tonight|at once|all at once|in one go|together)',
    ],
  },
  {
    label: 'poisoning',
    patterns: [
      '(engine|car) (running|on) in the [closed|locked|shut] garage',
      '(hose|hosepipe|pipe|tube) (from|to|on|in) the (exhaust|car exhaust)',
      'exhaust (fumes|pipe) (into|in) the car',
      '(drank|drink|drinking|drunk|swallowed|swallowing|swallow|taken|took|necked|had) [some|a bottle of|a cup of] (bleach|antifreeze|anti-freeze|weedkiller|weed killer|rat poison|drain cleaner)',
    ],
  },

  // ── hopelessness ────────────────────────────────────────────────────────────────────────────────────
  {
    label: "can't go on",
    patterns: [
      '{cant} (go on|carry on|keep going) ({anymore}|like this|living|much longer|with life|without|<end>)',
      '{cant} (take|do|cope with) (it|this|this life|life) ({anymore}|much longer)',
      '{cant} face (another day|another night|life|living|going on|it anymore|waking up) [{anymore}]',
      '{cant} face tomorrow <end>',
      '{cant} (be here|exist|live|do life|keep living|go on living|live like this|exist like this) ({anymore}|<end>)',
      "(had|i've had|ive had|have had) enough of (living|life|being alive|existing)",
    ],
  },
  {
    label: 'better off without me',
    patterns: [
      "better off (without me|if i [just|simply|really|wasn't|weren't] (was|were|wasn't|weren't|was not|were not) (gone|dead|here|around|alive|not here))",
      '(happier|easier|better) without me',
      '(happier|easier|better|simpler) if i [just|simply|really] (was|were) (gone|dead|not here)',
      "(happier|easier|better|simpler) if i [just|simply|really] (wasn't|weren't|was not|were not) (here|around|alive)",
      "(when|once) i'm gone <end>",
    ],
  },
  {
    label: "won't be here tomorrow",
    patterns: [
      '({wont} be|not be|not going to be|not gonna be) [even] (here|around|alive) (tomorrow|much longer|for much longer|for long|in the morning|anymore|any more)',
    ],
  },
  {
    label: "won't make it through the night",
    // "<end>" keeps out "won't make it tomorrow" and "won't make it to the morning clinic": appointments
    patterns: [
      "({wont}|{dont} think i'll|{dont} think i will|{dont} think i can|not sure i'll|not sure i will|not sure i can|doubt i'll|doubt i will) (survive|surviving) (tonight|the night|today|the weekend|much longer|till morning|until morning)",
      "({wont}|{dont} think i'll|{dont} think i will|{dont} think i can|not sure i'll|not sure i will|not sure i can|doubt i'll|doubt i will) (make it|last|get|making it|lasting|getting) (through|to|till|until) (tonight|the night|the weekend|the morning|morning) <end>",
      "({wont}|{dont} think i'll|{dont} think i will|not sure i'll|not sure i will) (make it|last) the night <end>",
    ],
  },
  {
    label: 'disappear forever',
    patterns: [
      // first person only: "the service will cease to exist in March" is news
      "(i|to|i just|i could|i'd|just) (stop|cease) (existing|to exist)",
      '(want|wanna|wish i could|just want) to not (exist|be alive|be living)',
      '(want|wanna|wish|just want|need) [to|i could|to just|i could just] (go to sleep|sleep|fall asleep) (forever|for ever|permanently|and never wake)',
      '(want|wants|wanna|wish|wishing|need|going|planning) [i could|to|i could just|to just|i can|i would] (disappear|vanish) (forever|for good|for ever|permanently|and never come back)',
      '(disappear|vanish) and never (come|be) back',
    ],
  },
  {
    label: 'no reason to live',
    patterns: [
      'no (reason|reasons) (to|for) (live|living|go on|going on|keep going|carry on|carrying on|stay|be here|keep living|stay alive|be alive)',
      '(nothing|noone|no one|nobody|no-one) [left] to live for',
      '{dont} have (anything|anyone) to live for',
    ],
  },
  {
    label: 'no point in living',
    patterns: [
      'no point (in|of) (living|life|going on|carrying on|being alive|being here|existing|me being here)',
      'no point (living|going on|carrying on|being alive|being here|existing)',
      '({dont}|{cant}|no longer) see (the|any) point (in|of) (living|life|going on|carrying on|being alive|being here|anything anymore)',
      "(life|living) (isn't|is not|not|ain't) worth (living|it) [{anymore}]",
      "what's the point (in|of) (living|being alive|going on|carrying on)",
      "(what's|what is|is there|there's|there is|isn't) [even] (the|any|no) point (in|of) [me] [even] (living|being alive|going on|carrying on|being here|existing|life|staying alive)",
      'nothing left for me (here|anymore|any more|in this world|in life|now) [{anymore}]',
    ],
  },
  {
    label: "don't want to be here",
    patterns: [
      '{dont} want to (be here|exist|be alive|live|be living|wake up|be around|carry on|go on|keep going) ({anymore}|<end>)',
      '(tired|sick|exhausted) of (being alive|life|existing)',
      '(tired|sick|exhausted) of (living|being here) <end>',
      '(done|finished) with (life|being alive|existing)',
      '(done|finished) with living <end>',
    ],
  },
  {
    label: "can't keep myself safe",
    patterns: [
      '{cant} keep {me} safe',
      '({dont}|{cant}|not|never) [feel] safe (from|with|around|on my own with) {me}',
      "(i'm|i am|i feel|feel) not safe (tonight|on my own|alone|right now)",
      "(i'm|i am|iam|i feel|feel|feeling) [really|so|very|just] (not safe|unsafe) (tonight|<end>|right now|at the moment|on my own|alone|anymore|around myself|with myself|from myself|with my thoughts)",
      "(going to|gonna|might|about to|will|'ll|could) do something (stupid|drastic)",
    ],
  },
  {
    label: 'no way out',
    patterns: [
      '(death|suicide|dying|ending it|killing {me}) (is|seems|feels like) the only (way out|option|answer|solution|way)',
      "(it's|it is|that's) the only way out",
      '{cant} see (a|any) (way out|future)',
      'no (way out|future|hope) (for me|left|anymore)',
    ],
  },
  {
    label: 'nobody would miss me',
    patterns: [
      "(would|will|does|do) (anyone|anybody) [even|really|actually] (notice|care|miss me) (if|when) (i|i'm) (died|die|was gone|were gone|wasn't here|weren't here|disappeared|was dead|gone|killed {me}|did it|do it|left|ended it)",
      'if i (do it|did it|died|was gone|were gone|disappeared|killed {me}|ended it) [{when}] (would|will) (anyone|anybody) [even|really|actually] (notice|care|miss me)',
      "(no one|noone|no-one|nobody|who) (would|will|'d|'ll|is going to|is gonna) [even|really] (miss|notice|care) [me|about me] (if|when|once) (i|i'm) (died|die|was gone|were gone|wasn't here|weren't here|disappeared|was dead|gone|killed {me}|left)",
    ],
  },
  {
    label: 'being a burden',
    patterns: ["(i'm|i am|iam|i feel like|feel like|i feel|being) [just|such] a burden"],
  },
  {
    label: 'want it all to stop',
    patterns: ['(want|wants|need|wish) (it all|everything|all of it|it all just) to (stop|end)'],
  },

  // ── someone else at risk ────────────────────────────────────────────────────────────────────────────
  {
    label: 'third party: will kill themselves',
    patterns: [
      '(kill|killing) {them}',
      '(hang|hanging) {them}',
      "(going to|gonna|wants to|want to|will|'ll|threatening to|threatened to|talking about|talks about|planning to|plans to|trying to|tried to|attempted to|about to) (end|take|ending|taking) {his} [own] life",
      '(end|ending) {his} [own] life ({when}|<end>)',
      '{person} * (is|has been|keeps|kept|is going|has) * (end|ending) (it all|it|things) ({when}|<end>)',
      '(unalive|unaliving) {them}',
    ],
  },
  {
    label: 'third party: overdose taken',
    patterns: [
      "{person} (has|just|had|has just|may have|might have|'s) overdosed",
      '({person}|{he}) (has|have|just|had|has just|may have|might have|is after) (taken|took) (an|a) (overdose|od)',
      "({he}|he's|she's|they've) (has|have|just|had|has just|'s) (taken|took|swallowed) (all|a load of|loads of|a handful of|handfuls of|a packet of|a box of|<many>|too many|too much) * {meds}",
      "{he} (has|have|just|had|has just|'s) (swallowed|taken|took) (all|a load of|loads of|a handful of|a packet of|a box of|<many>) * {meds}",
    ],
  },
  {
    label: 'third party: missing or left a note',
    patterns: [
      "({person}|he|she|they) (has|have|'s|had|has just) (gone|been) missing",
      "({person}|he|she) (went|is|'s) missing <end>",
      // a note, not a letter: "my dad wrote a letter to PALS" is a complaint
      "({person}|he|she|they|he's|she's|he has|she has|they have) (left|written|wrote|has left|has written) (a|me a|us a|her a|him a) note (for|to|on)",
      '({person}|he|she|they) (left|wrote|has left|has written) (a|me a|us a) note <end>',
      '(left|written|wrote) (a|a goodbye) (note|letter) (for|to) (her|his|their) (kids|children|family|mum|mam|dad|partner|husband|wife|boyfriend|girlfriend)',
    ],
  },
  {
    label: 'threatening suicide',
    patterns: [
      '(threatening|threatened|threatens|threaten|threats of) (suicide|to kill|to end|to take|to hurt|to harm|to jump|to hang|to overdose|to cut)',
    ],
  },
  {
    label: 'third party: talking about suicide',
    patterns: [
      '(talking|talks|talked|talk|going on|keeps going on|mentioning|mentioned|posting|texting|texted|messaging) about (suicide|killing {them}|ending (it|it all|things|{his} life)|taking {his} [own] life|dying|wanting to die|self harm|hurting {them}|not wanting to (live|be here|be alive))',
      '(said|saying|says|posted|texted|messaged) goodbye to (everyone|everybody|us|me|the family|his family|her family|their family)',
    ],
  },
  {
    label: 'third party: self-harm',
    patterns: [
      '(cutting|harming|burning|hurting) {them}',
      '{intent} (hurt|harm|cut|burn) {them}',
      '(cut|slit|cuts|cutting|slashed|slashing) {his} (wrist|wrists|thigh|thighs)',
      '{he} (has been|is|are|been|keeps|kept|started) (self harming|cutting again)',
      "{person} (self harms|is self harming|has been self harming|'s been self harming|has self harmed)",
    ],
  },
];

export const EXCLUSIONS: readonly ExclusionRule[] = [
  // ── awareness, training, services, research, fundraising, job adverts ───────────────────────────────
  {
    label: 'awareness day',
    scope: 'phrase',
    patterns: [
      '[world|national|international|global] suicide (prevention|awareness) (day|week|month)',
      '[world|national|international|global] (mental health|self harm|overdose) (awareness|prevention) (day|week|month)',
      'world mental health day',
      'wspd',
      'time to talk day',
    ],
  },
  {
    label: 'awareness: the topic as a subject',
    scope: 'phrase',
    patterns: [
      '{topics} [prevention|awareness|bereavement] {topicNoun}',
      '{topics} [prevention|awareness] (in|among|amongst) (men|young people|children|students|older adults|the uk|yorkshire|leeds|york|the nhs|prisons)',
    ],
  },
  {
    label: 'awareness: training, talks and research on the topic',
    scope: 'phrase',
    patterns: [
      '{context} (on|about|into|around|of|for|in|covering|regarding|re|exploring|tackling|looking at) [the|a|our] [topic of|subject of|issue of|issues of|impact of|causes of|prevention of|reduction of|reducing|preventing|understanding|tackling|supporting|responding to|managing] [young people and] {topics}',
      '(signs|warning signs|risk factors|causes|myths|facts|impact|stigma) (of|about|around) {topics}',
      'how to (talk|speak|ask|start a conversation) [to|with] [someone|a friend|a loved one|your child|your children|people|a colleague] about {topics}',
      "(talking|talk|talks|conversations|speaking|asking) about {topics} (can|could|saves|save|helps|help|matters|reduces|isn't|doesn't)",
      "(let's|lets) talk about {topics}",
    ],
  },
  {
    label: 'awareness: prevention work',
    scope: 'phrase',
    patterns: [
      '(prevent|prevents|preventing|prevention of|reduce|reduces|reducing|reduction in|reduction of|tackle|tackles|tackling|address|addressing|understanding|responding to|respond to|lower|lowering) [the risk of|the number of|rates of] {topics}',
    ],
  },
  {
    label: 'awareness: signposting',
    scope: 'phrase',
    patterns: [
      "if (you're|you are|you've been|you have been|you feel|you|someone you know is|a loved one is) [feeling|having|experiencing|struggling with|affected by|worried about|concerned about|thinking about] [any|these|such|difficult] [thoughts of|feelings of] {topics}",
      'if you or someone you know (is|are) [feeling|having|experiencing|struggling with|affected by|thinking about] [thoughts of|feelings of] {topics}',
      '{people} (who are|who have|who feel|who|that are|experiencing|having|with|affected by|struggling with|in|at risk of|at high risk of|at increased risk of|bereaved by) [acute|significant|thoughts of|feelings of] {topics}',
      '(a loved one|someone|your child|a child|a friend|a family member|young people|people|anyone) (who|that) self harms',
      '(affected|bereaved|touched) by {topics}',
    ],
  },
  {
    label: 'awareness: charity or training body',
    scope: 'phrase',
    patterns: [
      'zero suicide [alliance|ambition|framework|approach]',
      'samaritans [leeds|york] (volunteer|volunteers|volunteering|branch|training|listening volunteer)',
      'papyrus [uk] [prevention of young suicide]',
      'prevention of young suicide',
      'suicide bereavement (service|support|uk)',
      'survivors of bereavement by suicide',
    ],
  },
  {
    label: 'bereavement or news: died by suicide',
    scope: 'phrase',
    patterns: [
      '(died|dies|die|death|deaths|dying|passed away|lost) (by|from|through|to|after|following) {topics}',
      '(lost|losing|lose|loss of) * to {topics}',
      "(patient|man|woman|teenager|teen|boy|girl|student|prisoner|inmate|mother|father|son|daughter|soldier|veteran)'s {topics}",
      '(the|a) {topic} of (a|the|his|her|their|patient|man|woman)',
      '(after|following|since) the (suicide|suicides)',
    ],
  },
  {
    label: 'recovery: in the past',
    scope: 'phrase',
    patterns: [
      '(years|months|a year|a few years|a long time|weeks) ago [i|when i] (was|were|felt|used to be|had been|i was) [feeling|so|really|very] {topics}',
      '(i|we) used to (be|feel) [so|really|very] {topics}',
      '{topics} survivor',
      '(survivor of|recovered from|recovery from) [a|my|an] {topics}',
    ],
  },
  {
    label: 'the past: years ago',
    scope: 'sentence',
    patterns: [
      '(<number>|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|a few|a couple of|several|many|some) (years|yrs|year|months|month|weeks) ago',
      'this time last (year|month|week)',
      '(years|months|a while|a long time) ago',
      'in year <number>',
      '(in|during|at) (sixth form|secondary school|high school|uni|university) (i|he|she)',
      'when (i|he|she|they|we) (was|were) (<number>|a teenager|a teen|a kid|younger|at school|at uni|in my|in year|in sixth form|in his|in her)',
      '(in|during) (my|his|her|their) (teens|twenties|thirties|forties|20s|30s|40s)',
      '(in|since|back in|during|until) (2010|2011|2012|2013|2014|2015|2016|2017|2018|2019|2020|2021|2022|2023|2024|2025)',
      '(back in|last) (spring|the spring|summer|the summer|autumn|winter|the day)',
      '(i|he|she|they|we|my [mum|mam|dad|son|daughter|brother|sister|partner|husband|wife|friend]) used to',
    ],
  },
  {
    label: 'recovery: better now',
    scope: 'sentence',
    patterns: [
      '(<number>|one|two|three|four|five|six|seven|eight|nine|ten|a hundred) (days|weeks|months|years|yrs|year) (clean|free|sober|without|since)',
      '(clean|free) (from|of) {topics}',
      '{topics} (free|clean) (for|since)',
      'it (does|can|will|really does) get better',
      'doing [so much|loads|a lot|much|really|so] (better|well) [now|these days]',
      '(feeling|feel|felt) [so much|loads|a lot|much|so] (better|human again|like myself again|more like myself)',
      "(he's|she's|they're|i'm|im|i am|he is|she is|they are) (ok|okay|well|fine|safe|brighter|doing well|doing better|doing ok|doing okay) (now|these days|at the moment|lately)",
      '(proud|brave enough|ready) to (share|tell) my story',
      "(never thought|didnt think|didn't think) (i'd|id|i would) (see|be able)",
      "(don't|dont|do not|no longer|never) (have|get|feel) {topics} [thoughts|feelings] (anymore|any more|now)",
      "(i'm|im|i am|he's|hes|she's|shes|they're|he is|she is) not (suicidal|going to hurt (myself|himself|herself)|in danger)",
    ],
  },
  {
    // people in crisis joke too ("lol wish me luck"), so a laugh only explains the figures of speech it sits
    // beside, never what someone says they have done or have at hand
    label: 'joking',
    scope: 'phrase',
    patterns: [
      "(kms|kill me|end me|unalive me|unalive myself|unalived me|i'm ending it all|im ending it all|i'm gonna kill myself|im gonna kill myself|i want to die|i wanna die) * {laugh}",
      '{laugh} * (kms|kill me|unalive me|i want to die|i wanna die)',
      '(kms|kill me|end me|unalive me|unalive myself) if',
      "(i'd|id|i would) rather (jump off a bridge|die|be dead) than",
      '(ending it all|end it all) (by which i mean|i mean)',
      "(kms|'kms') means",
      'means kisses',
    ],
  },
  {
    label: 'talking about the words',
    scope: 'sentence',
    patterns: [
      '(stop|quit|please stop|can we stop|can people stop) (saying|using|joking|tagging|posting)',
      "(as a joke|in your banter|football banter|isn't funny|isnt funny|not funny)",
    ],
  },
  {
    label: 'hyperbole about a team or a game',
    scope: 'sentence',
    patterns: [
      'every time (my team|leeds|united|city|arsenal|they|we|the rhinos|the rovers|he|she|i) (lose|loses|lost|play|plays)',
      '(if|when) (leeds|united|city|we|they|my team) (lose|lost|go down|get relegated)',
      '(before|than) (he|she|i) (watches|watch|sits through) another',
      'by which i mean',
    ],
  },
  {
    label: 'recovery: now well',
    scope: 'sentence',
    patterns: [
      '(a|one) year ago (i|today|this week|tonight)',
      '(for|through|all through|most of|throughout) (<number>|two|three|four|five|six|seven|eight|nine|ten|his|her|my|their) (years|teens|twenties|thirties|20s|30s)',
      '(years|yrs) (free|clean|well) now',
      "(i'm|im|she's|shes|he's|hes|they're|now) <number> now",
      '(tried|attempted|trying|wanted) * at <number>',
      '(spent|on) my (18th|21st|30th|40th|50th|birthday) (on|in|at)',
      '(<number>|two|three|four|five|a few|several) (years|months) on',
      '(old|healed|faded|my) (scars|self harm scars|cutting scars)',
      'my (self harm|cutting|sh) days',
      'last year (i was|i wrote|i tried|she was|he was|my)',
      'as a (teenager|teen|student)',
      'from <number> (to|till|until) <number>',
      '(<number>|one|two|three|four|five|six|ten) (years|yrs|months) well',
      "(i'm|im|i am|we're|we are) in a (good|better) place",
      '(opens|opened) up about',
      '(speaking|talking|spoke) (on|at) a (recovery panel|panel|event|conference)',
      '(book|film|album|theatre|play) review',
      '(memoir|novel)',
    ],
  },
  {
    label: 'asking how to support',
    scope: 'sentence',
    patterns: [
      'how (do|can|should) (i|we|you) (support|help|talk to|speak to|approach|ask)',
      'is it (ok|okay|alright|safe) to ask',
      '(asked|asking|asks) (me|us) what (suicide|self harm|unalive|overdose|kms) means',
      'what happens at (a|an|the) [crisis] (assessment|appointment)',
      'do i have to (explain|tell|mention)',
      '(tips|advice) from anyone',
      'want to be [better] prepared',
      'if (he|she|they) ever (gets|get|feels|feel)',
    ],
  },
  {
    label: 'farewell: moving on',
    scope: 'sentence',
    patterns: [
      '(last|final) (post|tweet) (on here|on twitter|on x|here|of the year)',
      '(moving|moved|move|going) [over] to (bluesky|threads|mastodon|instagram|facebook)',
      '(leaving|quitting|deleting|off) (twitter|x|this app|this site|social media)',
      "(before i|as i|i'm|im|i am|we're|we are) (move|moving|emigrate|emigrating|relocating) to",
      '(leaving|left) (leeds|york|the trust|lypft|the ward|my job|work) (after|for|to)',
    ],
  },
  {
    label: 'gratitude',
    scope: 'sentence',
    patterns: [
      "(would|'d|i'd|id|wouldnt|wouldn't) (be dead|not be here|not be alive|be gone|have died) (without|if it wasn't for|if it werent for|if it weren't for|if not for)",
      "(saved|save|saving) my (life|son's life|daughter's life|mum's life|dad's life)",
    ],
  },
  {
    label: 'the trust replying',
    scope: 'sentence',
    patterns: [
      "(sorry|so sorry|sorry to hear|apologies) (for|about) (everything|all) (you've|you have|youve|you) (been through|experienced|gone through|had to deal with|had to put up with|had to go through)",
      'please (dm|message|email|contact) us',
    ],
  },
  {
    label: 'recovery: my life back',
    scope: 'phrase',
    patterns: ['(take|taking|took|get|getting|got|give|gave) [me] my life back'],
  },
  {
    label: 'everyday: no point ringing',
    scope: 'phrase',
    patterns: [
      '(no|nae|not much) point [in] [even] [trying to] (ring|ringing|call|calling|phone|phoning|email|emailing|complain|complaining|ask|asking|moan|moaning|park|parking|chase|chasing|booking|book)',
    ],
  },
  {
    label: 'everyday rope',
    scope: 'phrase',
    patterns: [
      '(rope|tow rope|skipping rope|climbing rope) (swing|ladder|bridge|course)',
      '(washing|skipping|tow|climbing) rope',
    ],
  },
  {
    label: 'accident',
    scope: 'phrase',
    patterns: [
      '(cut|hurt|burnt|burned|injured) {me} (shaving|cooking|chopping|opening|gardening|by accident|accidentally|at the gym|in the gym|at work|playing|lifting|running|falling)',
    ],
  },

  // ── news and reporting: the marker stands for its whole sentence ────────────────────────────────────
  {
    label: 'news: inquest or coroner',
    scope: 'sentence',
    patterns: [
      'inquest (hears|heard|told|into|finds|found|concluded|concludes|opened|opens|was told|has heard|will hear|resumed|date|jury)',
      '[the|a|area|senior] coroner (issues|issued|said|says|found|finds|ruled|rules|recorded|records|concluded|concludes|warns|warned|raised|told|has|heard|hears)',
      "coroner's (court|report|conclusion)",
      'prevention of future deaths',
      'pfd report',
      'serious (incident|case) review',
    ],
  },
  {
    label: 'news: statistics or report',
    scope: 'sentence',
    patterns: [
      '(statistics|figures|data|numbers|stats|report|new report|review|research|study|survey|analysis|audit|ons|nhs digital|nhs england) (show|shows|showed|shown|reveal|reveals|revealed|suggest|suggests|suggested|find|finds|found|indicate|indicates|highlight|highlights|warns|warned|published)',
      '(ons|office for national statistics|nhs digital|nhs england|public health england|ukhsa) (figures|data|statistics)',
    ],
  },
  {
    label: 'news: news outlet',
    scope: 'sentence',
    patterns: [
      // only as a headline's attribution ("ITV News: …", "… - BBC News"), never "watching BBC News and …"
      '{outlet} (:|<end>)',
      '(news|press) release :',
    ],
  },

  // ── figures of speech: they explain only the words they cover ───────────────────────────────────────
  {
    label: 'figure of speech: killing it',
    scope: 'phrase',
    patterns: ['(killing|killed|kills|kill|smashing|smashed) it'],
  },
  {
    label: 'figure of speech: to die for',
    // "is to die for", never "I want to die for real"
    scope: 'phrase',
    patterns: [
      "(is|are|was|were|'s|'re|look|looks|looked|taste|tastes|tasted|smell|smells|smelled) [absolutely|literally|just|simply|honestly|actually] to die for",
      "(i'd|id|i would) die for",
    ],
  },
  {
    label: 'figure of speech: killing me',
    scope: 'phrase',
    patterns: [
      "(is|are|was|were|'s|'re|keeps|kept|really|literally|absolutely|honestly|proper|slowly) killing me",
      "(boss|mum|mam|mom|dad|wife|husband|teacher|manager|she|he|they|you|missus) (will|'ll|is going to|is gonna|would|'d) (kill|murder) me",
    ],
  },
  {
    label: 'figure of speech: kill for',
    scope: 'phrase',
    patterns: ["(would|could|i'd|id|i would|i could|'d) (kill|murder|die) for"],
  },
  {
    label: 'figure of speech: dying to',
    scope: 'phrase',
    patterns: [
      'dying (to|for) (see|go|try|know|meet|hear|get|have|tell|visit|watch|read|start|a|an|the|some|my|one)',
    ],
  },
  {
    label: "figure of speech: I'm dead",
    scope: 'phrase',
    patterns: ["(i'm|i am|literally|actually|totally) (dead|deceased|dying|crying|screaming) [{laugh}]"],
  },
  {
    label: 'figure of speech: that killed me',
    scope: 'phrase',
    patterns: [
      '(that|this|it|you|he|she|they|which) [absolutely|literally|actually|just|properly] (killed|kills|slayed|slays) me',
    ],
  },
  {
    label: 'figure of speech: dead tired',
    scope: 'phrase',
    patterns: [
      'dead (tired|good|nice|funny|chuffed|proud|happy|excited|busy|easy|quick|quiet|lucky|posh|right|serious|on my feet|keen|friendly|helpful|lovely)',
    ],
  },
  {
    label: 'figure of speech: could murder',
    scope: 'phrase',
    patterns: ["(could|would|i'd|id|i could) (murder|kill) (a|an|some|one)"],
  },
  {
    label: 'figure of speech: laughing',
    scope: 'phrase',
    patterns: [
      '(died|dying|die|dead|killing {me}|killed {me}|kill {me}|killing me|killed me|wet {me}) (laughing|of laughter|with laughter|from laughing|of embarrassment|of shame|of boredom|of cringe|of cuteness)',
      '(nearly|almost) (died|killed {me}) (laughing|tripping|falling|slipping|on the ice|on the stairs)',
      'kmsl',
    ],
  },
  {
    label: 'figure of speech: overdosed on treats',
    scope: 'phrase',
    patterns: [
      '(overdosed|overdosing|overdose|od) on (tiktok|youtube|reels|instagram|twitter|revision|energy drinks|monster|red bull|telly|boxsets|box sets|true crime|tv|easter eggs|chocolate eggs|advent calendar|crisps|cake|biscuits|doughnuts|donuts|pizza|haribo|sweets)',
      '(cat|dog|kitten|puppy|hamster|pup) (took|has taken|had|ate) (an|a) (overdose|load)',
      'overdose of (dreamies|treats|telly|tv|christmas telly|christmas)',
      "(overdosed|overdosing|overdose|od'd|od) on (chocolate|sugar|caffeine|coffee|mince pies|christmas|netflix|tv|cheese|carbs|cake|biscuits|quality street|sweets|selection boxes|festive cheer|turkey|pizza|crisps|tea|sunshine|cuteness|nostalgia|love|christmas films)",
      '(caffeine|sugar|chocolate|cuteness|cheese|carb|netflix|nostalgia|christmas|festive) overdose',
    ],
  },
  {
    label: 'figure of speech: films and phrases',
    scope: 'phrase',
    patterns: [
      'suicide (squad|doors|door|squeeze|sprints|sprint|drills|mission|missions|blonde|king|lane|bomber|bombers|bombing|bombings|attack|attacks|vest|drone|drones)',
      'die hard',
      'kill bill',
      'to kill a mockingbird',
    ],
  },
  {
    label: 'figure of speech: gadgets dying',
    scope: 'phrase',
    patterns: [
      "(phone's|phones|battery's|batteries|laptop|tablet|ipad|iphone|car|torch|charger|pen|plant|plants|signal|wifi|headphones|airpods|kindle|mobile|bulb) [is|was|are|keeps|has|about to|going to|gonna|'s] (dying|dead|about to die|died|going to die|gonna die|die)",
      '(dying|dead) (phone|battery|laptop|plant|plants)',
    ],
  },
  {
    label: 'figure of speech: kill the lights',
    scope: 'phrase',
    patterns: [
      'kill (the|those|these|that) (lights|light|music|engine|vibe|mood|noise|tv|sound|power|app|tab|process|conversation)',
      'kill (time|an hour|a few hours)',
    ],
  },
  {
    label: 'figure of speech: lost the will to live',
    scope: 'phrase',
    patterns: ['(lost|losing|lose) the will to live'],
  },
  { label: 'distance in km', scope: 'phrase', patterns: ['<number> kms'] },
  {
    label: 'farewell: signing off',
    scope: 'phrase',
    patterns: [
      'this is goodbye (from|for now|until|till|to|for the|for this)',
      '(goodbye|bye) (twitter|x|facebook|instagram|tiktok|bluesky|threads|this app|social media|2025|2026|2027|for now|for the year)',
    ],
  },
  {
    label: 'farewell: leaving a job',
    scope: 'sentence',
    patterns: [
      '(my|our|her|his) (retirement|leaving do|leaving party)',
      '(retiring|retired|retirement) after <number> years',
      '(as|when|before) (i|we) (retire|leave)',
      'leaving the (group chat|chat|group|whatsapp)',
    ],
  },
];

/**
 * SIGNALS: pieces of a crisis that are not enough on their own but are together. People rarely write "I am
 * going to kill myself"; they write "the rope is in the boot. sorry everyone" or "walking down to the bridge
 * now, dont bother looking for me". Each signal below has a kind, and a mention is urgent when it holds two
 * signals of kinds that go together (SIGNAL_PAIRS, below) in two places of the mention, or one signal of a
 * kind that is urgent alone, and no exclusion explains them away. The kinds:
 *   act          already done to themselves: "took the lot", "cut again, deeper" (urgent alone)
 *   brink        on the brink: "wrong side of the railings", "sat here with the pills" (urgent alone)
 *   means        the means at hand or got ready: "the rope is in the boot", "tablets lined up"
 *   edge         at a dangerous place: "on the roof of the car park", "stood on the bridge"
 *   destination  on the way to one: "heading to the bridge", "going down to the river"
 *   finality     last arrangements: "written the letters", "gave my guitar away", "not coming back"
 *   farewell     goodbyes that are weaker alone: "love you all", "sorry everyone", "look after my dog"
 *   despair      hopelessness or intent: "im done", "had enough of it all", "no point", "going to end it"
 *   alarm        an emergency about someone else: "not answering", "phone's off", "gone missing", "999"
 *   method       knowing how or when: "worked out how", "picked a date", "got a plan"
 *   now          when: "tonight", "rn", "after tonight", "by the morning"
 */
export type SignalKind =
  | 'act'
  | 'brink'
  | 'means'
  | 'edge'
  | 'destination'
  | 'finality'
  | 'farewell'
  | 'despair'
  | 'alarm'
  | 'method'
  | 'now';

export interface CrisisSignal {
  kind: SignalKind;
  /** shown in "matched", joined with the signal it paired with: "the means at hand + goodbye" */
  label: string;
  patterns: readonly string[];
}

/** Kinds urgent on their own. */
export const SIGNALS_URGENT_ALONE: readonly SignalKind[] = ['act', 'brink'];

/**
 * Which kinds of signal make a mention urgent together: a signal of the key's kind with one of the listed
 * kinds elsewhere in the mention. "now" pairs only with what is already serious ("tablets lined up" +
 * "tonight"), never with a farewell ("thanks for everything, see you tonight") or despair ("had enough
 * tonight" is usually about the day).
 */
export const SIGNAL_PAIRS: Readonly<Record<SignalKind, readonly SignalKind[]>> = {
  act: [],
  brink: [],
  means: ['means', 'edge', 'destination', 'finality', 'farewell', 'despair', 'alarm', 'method', 'now'],
  edge: ['means', 'edge', 'destination', 'finality', 'farewell', 'despair', 'alarm', 'method', 'now'],
  destination: ['means', 'edge', 'finality', 'farewell', 'despair', 'alarm', 'method'],
  finality: ['means', 'edge', 'destination', 'finality', 'farewell', 'despair', 'alarm', 'method', 'now'],
  farewell: ['means', 'edge', 'destination', 'finality', 'despair', 'alarm', 'method'],
  despair: ['means', 'edge', 'destination', 'finality', 'farewell', 'alarm', 'method'],
  alarm: ['means', 'edge', 'destination', 'finality', 'farewell', 'despair', 'method'],
  method: ['means', 'edge', 'destination', 'finality', 'farewell', 'despair', 'alarm', 'method', 'now'],
  now: ['means', 'edge', 'finality', 'method'],
};

/** Word variants used only by the signals. */
export const SIGNAL_WORD_GROUPS = {
  // what people use, or get ready, to end their life
  means: [
    '{meds}',
    '{lethal}',
    'the lot',
    'the stuff',
    'patches',
    'morphine patches',
    'white ones',
    'blister packs',
    'blister pack',
  ],
  // means that are hardly ever anything else when they are "ready" or "tied"
  lethal: [
    'rope',
    'noose',
    'ligature',
    'ligatures',
    'cord',
    'cords',
    'belt',
    'washing line',
    'dog lead',
    'blade',
    'blades',
    'razor',
    'razors',
    'razor blades',
    'knife',
    'knives',
    'kitchen knives',
    'service knife',
    'shotgun',
    'gun',
    'rifle',
    'hose',
    'hosepipe',
    'charcoal',
    'antifreeze',
    'anti-freeze',
    'bleach',
    'weedkiller',
    'weed killer',
    'rat poison',
    'poison',
  ],
  // holding it, looking at it, getting it ready
  haveMeans: [
    'got',
    "i've got",
    'ive got',
    'have',
    'has',
    'holding',
    'with',
    'w',
    'staring at',
    'looking at',
    'been looking at',
    'keep looking at',
    'counted out',
    'lined up',
    'laid out',
    'saved',
    'saving',
    'saved up',
    'been saving',
    'stockpiled',
    'stockpiling',
    'hoarding',
    'hoarded',
    'hiding',
    'hidden',
    'hid',
    'bought',
    'ordered',
    'got out',
    'took out',
    'taken out',
    'photo of',
    'pic of',
    'picture of',
    'video of',
    "there's",
    'there is',
    'theres',
  ],
  // where the means is: at hand
  atHand: [
    'here',
    'ready',
    'next to me',
    'beside me',
    'in front of me',
    'in (my|me|his|her) (hand|hands|pocket|bag|car|coat)',
    '(on|by) the (table|side|kitchen side|kitchen table|bed|bedside)',
    'in the (boot|car|drawer|shed|barn|loft|garage|bathroom)',
    'upstairs',
    'out again',
    'all out',
    'counted out',
    'lined up',
    'laid out',
    'tied',
    'up',
  ],
  // places people go to die
  place: [
    'bridge',
    'viaduct',
    'cliff',
    'cliffs',
    'cliff edge',
    'ledge',
    'roof',
    'rooftop',
    'top of (the|a) (building|multi storey|multistorey|car park|flats|tower|tower block|block)',
    'multi storey',
    'multistorey',
    'car park',
    'railings',
    'track',
    'tracks',
    'railway',
    'railway line',
    'train line',
    'level crossing',
    'canal',
    'river',
    'reservoir',
    'quarry',
    'lake',
    'weir',
    'motorway',
    'm62',
    'm1',
    'a1',
    'slurry pit',
  ],
  // places that are only a danger with something else said: "heading to the coast" is often a day out
  farPlace: ['coast', 'sea', 'beach', 'pier', 'moors', 'moor', 'woods', 'forest', 'hills'],
  // being there
  atPlace: [
    "(i'm|im|i am|iam|am|been|he's|she's|they're|he is|she is|they are|is|are|we're)",
    '(stood|standing|sat|sitting|waiting|parked|perched)',
    '(been stood|been sat|been standing|been sitting|sat here|stood here|sitting here|standing here)',
  ],
  // going there
  goingTo: [
    '(heading|going|go|walking|walked|driving|drove|gone|went|off|on my way|on his way|on her way|gannin|goin|gan|going down|going up|heading out|heading up|heading down|walking down|walking up|going out|take the car|taking the car|take t car|been|been to|go out)',
    'going for a [long|last|final] (walk|drive)',
  ],
  toward: [
    'to',
    'down to',
    'up to',
    'out to',
    'over to',
    'doon tae',
    'doon',
    'tae',
    'for',
    'towards',
    'onto',
    'on',
    'off',
    'into',
    'in',
    'up',
    'down',
    'up on',
    'along',
  ],
  // someone the writer tells: "tell our kid", "tell the lads"
  whoToTell: [
    '(my|our|me|ma|the|his|her) (mum|mam|mom|dad|kids|children|wife|husband|lass|lad|kid|son|daughter|wean|bairns|family|lads|boys|girls|sister|brother|sis|bro|jean)',
    'everyone',
    'everybody',
    'them',
    'her',
    'him',
  ],
} as const;

export const CRISIS_SIGNALS: readonly CrisisSignal[] = [
  // ── act: already done ───────────────────────────────────────────────────────────────────────────────
  {
    kind: 'act',
    label: 'taken an overdose',
    patterns: [
      // "taking all my tablets" is what the pharmacist asked for; "took" and "taken" have been done
      '(took|taken|swallowed|necked|downed|popped|had|drank|drunk|put on|stuck on) (everything|all (my|of my|her|his|their|the|me|ma|aw ma|of the|of her|of his|of their)|aw ma|a handful|handful|a bottle|bottle|a box|boxes|a packet|packets|two packs|<number> packs|a pack|the whole|my whole|her whole|his whole|a load|loads|a bunch|a lot|lots|a canny few|the rest|every) * ({meds}|patches|ones|strip|packets|packs|boxes|blister packs)',
      '(took|taken|swallowed|necked|downed|had|drank) the lot',
      '(took|taken|swallowed|necked|downed|popped|had) (about|around|over|nearly|like|maybe|roughly) <number> * {meds}',
      '(took|taken|swallowed|necked|downed|popped|had) <number> (of|of my|of the|of her|of his) * {meds}',
      '(took|taken|swallowed) (<number>|<many>) (about|around|an|half an|a couple of) (hour|hours|minutes|mins) ago',
      '(drank|drunk|drink|swallowed|had) (some|a bottle of|the|a cup of|a glass of) (antifreeze|anti-freeze|bleach|weedkiller|weed killer|rat poison|drain cleaner|poison)',
      '(drank|drunk|had|swallowed) something from under the sink',
      "(don't|do not|idk|not sure) [know]how many [of my|of the|of her|of his] [{meds}] (i|she|he|they) (took|had|swallowed|took)",
      'how many of my {meds} i took',
      '(stopped|stopping) my insulin on purpose',
      '(overdosed|odd) (on|with) (my|her|his|the|their|<number>|some|a) * {meds}',
      'overdosed (an hour|about an hour|half an hour|<number> (minutes|mins|hours)) ago',
    ],
  },
  {
    kind: 'act',
    label: 'self-harmed',
    patterns: [
      '(cut|slit|slashed|burnt|burned) (my|me|his|her|their) (wrist|wrists|arm|arms|neck|throat|legs|leg|thighs|thigh|stomach|skin)',
      "(cut|cuts|cutting|s/h|sh'd|self harmed|self-harmed|hurt myself|burnt myself|burned myself) (again|deeper|too deep|worse|badly|really badly|properly|way deeper|deeper than)",
      "(it|the bleeding|bleeding|it still) (won't|wont|will not|can't|cant|doesn't|doesnt) stop [bleeding|bleedin]",
      "(won't|wont|will not|can't|cant) (stop|get) [the] (bleeding|bleedin)",
      '(soaked|soaking) [right] through',
      '(probably|might|will|it) (needs|need) stitches',
      '(burning|burnt|burned|hurting|hurt|cutting|cut|harming|scratching|scratched) {me} (with|w|again|tonight|till|until|badly|really badly|worse|just to feel)',
      '(tried|tried to do it|attempted) again <end>',
      '(hospital|a&e) deep',
      '(photo|pic|picture) of (her|his|their|my) (wrists|arms|cuts)',
    ],
  },

  // ── brink: about to ─────────────────────────────────────────────────────────────────────────────────
  {
    kind: 'brink',
    label: 'on the brink',
    patterns: [
      '(wrong side of the) (railings|barrier|fence|bridge|safety fence)',
      '(on|at) the edge of the (platform|cliff|roof|bridge|building|car park)',
      'waiting for the (fast|next|express) (one|train) to (come|come through|pass)',
      '(sat|sitting|stood|standing|lying|lay) [here|in the bath|in the car] (with|w) (the|my|a|her|his) {lethal}',
      '(sat|sitting|stood|standing) [here] (with|w) (the|my|all the|all my) {meds}',
      'in the bath (with|w) (the|a|my) (razor|blade|knife)',
      '(bath|bathtub) [now] * (with|w) the (razor|blade)',
      "{lethal} (is|are|was|'s) [all] (ready|tied|up) (upstairs|in the|on the|over the|round|<end>)",
      '(tied|tested) it [,] (tested it|it holds)',
      '(rope|noose|ligature|cord|belt) (over|round|around|from|tied to|on) (the|a) (loft|loft hatch|beam|banister|bannister|tree|door|hook|hatch)',
      "(car|engine) [is|'s] [still] running in (the|t) [closed|locked|shut] garage",
      '(garage|shed) with the (car|engine) running',
      '(sat|sitting) in the car in the garage with the (hose|hosepipe|engine running)',
      '(enough|plenty) (to|of them to) (make sure|do it|kill me|end it|finish it|do the job)',
      'how many [of] (my|his|her|the) {meds} (it would take|it will take|it takes|would kill|to take|would do it)',
      '(know|knows) [exactly](how much|how many|what dose) (to take|would do it|would kill)',
      '(deciding|decided|settled on|worked out) which [of my]{meds} to take',
    ],
  },

  // ── means at hand ───────────────────────────────────────────────────────────────────────────────────
  {
    kind: 'means',
    label: 'the means at hand',
    patterns: [
      '{haveMeans} * {means}',
      "{means} (is|are|were|was|'s|'re) [all|already|now|still] {atHand}",
      '{means} {atHand}',
      "{means} [from the (cupboard|drawer|cabinet|bathroom)] (is|are|has|have|'s) [all] (gone|missing)",
      "(a|the|her|his) {lethal} (is|'s) missing",
      '{means} missing from the (cupboard|drawer|cabinet|bathroom|kitchen)',
      'it holds',
      '(the car|car) and the (hosepipe|hose)',
      '(hose|hosepipe) (from|to|on|in|into) the (exhaust|car)',
      'smell of gas',
      '(nearly|almost|finally) enough (now|<end>)',
      '<many> (altogether|in total|saved|now)',
      '(a|another|the) (second|third) box',
      'from a different (chemist|pharmacy|shop)',
      '(ordered|bought|got) (it|them|the stuff) (off|online|from) the internet',
      '(the stuff|it) i ordered',
      '(a|the) (bottle|litre) of (vodka|whisky|whiskey|brandy|gin|cider|wine) and (the|my|his|her|some) {meds}',
      '{meds} and (a|the|half a) (bottle|litre) of (vodka|whisky|whiskey|brandy|gin|cider|wine)',
      '(taken|took|had|swallowed) something',
      '(and|with) a (hosepipe|rope|knife|blade|razor)',
    ],
  },

  // ── places ──────────────────────────────────────────────────────────────────────────────────────────
  {
    kind: 'edge',
    label: 'at a dangerous place',
    patterns: [
      '{atPlace} * (on|at|by|up|near|over|beside|oan|from|in) [the|a|that|t] [edge of the|top of the|side of the|edge o the|wrong side of the|roof of the] {place}',
      '(on|at|from) (the|t) (top|edge|wrong side|side|roof) (of|o) (the|a|t) {place}',
      '(from|on) (the|a) top of (the|a) (building|multi storey|multistorey|car park|flats|tower|tower block)',
      '(on|up on) (the|his|her|their) roof',
      '(roof|top) of the (flats|building|car park|multi storey|multistorey|hospital|tower)',
      '(go|jump|going|gonna|throw {me}|jumping) out [of] the window',
      '(stood|standing|sat|sitting) by the (track|tracks|line|railway)',
    ],
  },
  {
    kind: 'destination',
    label: 'heading somewhere to die',
    patterns: [
      '{goingTo} {toward} [the|a|that|t] * ({place}|{farPlace})',
      'heading (for|to) [the] * ({place}|{farPlace})',
      'catch[ing] the bus (tonight|at|<end>)',
      'catching the bus (tonight|at|<end>)',
      '(step|stepping|walk|walking|throw {me}|throw {them}) (in front of|under) (a|the) (train|lorry|bus|car)',
      '(throw|throwing) ({me}|{them}) (in|into|off|under) (the|a)',
    ],
  },

  // ── finality ────────────────────────────────────────────────────────────────────────────────────────
  {
    kind: 'finality',
    label: 'last arrangements',
    patterns: [
      '(said|saying|say|said all|sent|posted|tweeted|texted|messaged|written|wrote|writing|video) [my|his|her|their|a|all|the] (goodbye|goodbyes)',
      '(goodbye|goodbyes) (all|everyone|everybody|world|lads|twitter|<end>)',
      'saying bye properly',
      '(last|final) (post|tweet|message|entry|sunset|goodbye|words|one from me)',
      'this is (my|the) (last|final)',
      'goodnight forever',
      'lights out for me',
      '(written|wrote|writing|finished|left|leaving) (the|my|a|some|his|her|two|<number>) (note|notes|letters|suicide note|goodbye letters)',
      '(written|wrote|writing|left|leaving) (a|the) letter (on|for|addressed|to my|to the kids|to the coroner)',
      '(written|wrote) to the coroner',
      "(there's|there is|found|left|leaving|with) (a|the) note",
      '(note|letters) (written|done|are written|is written)',
      '(gave|given|giving|give|gone|went) [away] (my|his|her|their|me) (stuff|things|guitar|watch|medals|cat|dog|bank cards|cards|jewellery|money|car|belongings|possessions)',
      '(giving|gave|given|give) (my|his|her) (stuff|things|belongings|possessions) away',
      '(sorted|put|putting|got|have put|i have put|put all) (my|his|her|me|the) (affairs|will|things|stuff|paperwork|pension paperwork|pension) [all] [in order|out|sorted]',
      "(affairs|everything|everything's) (is|are|'s) (in order|arranged|sorted|labelled)",
      "everything (is|'s) (in order|arranged)",
      '(tidying|tying) up loose ends',
      '(made|making) (my|his|her) peace',
      "(won't|wont|will not|shan't|shant) (need|be needing) (it|them|this|these|that)",
      "where (i'm|im|i am|he's|she's) going",
      "(not|never|isn't|isnt|is not) (coming|come|gonna come|going to come) (back|home) [again]",
      '(an|and) not come back',
      "(don't|dont|do not|divvent|dinnae) (look for me|bother looking|wait up|come in|try to stop me|come looking)",
      'nobody (try|tries) to stop me',
      'for after',
      '(scheduled|schedule|scheduling) (tweet|tweets|posts|post)',
      '(by the time|if) (you|anyone|someone|anybody) (read|reads|are reading|is reading|see|sees) this',
      "if (you're|youre|you are) reading this",
      "(it's|it is) time <end>",
      "(tonight's|tonights) (the night|it)",
      "(tonight|today) (is|'s) (it|the night|the day)",
      'this is it [for me]',
      '(be|go|going|be going) [to be]with (her|him|dad|mum|mam|my wife|my husband|them) (soon|again|now|tonight)',
      '(join|be with|be joining|gone to join|go to join) (his|her|my|their) (wife|husband|late|son|daughter|arthur|margaret)',
      'shall have gone',
      '(take|taking) my leave',
      "(shan't|shant|won't|wont|will not|shall not) (be|see|see you) (posting|coming|here|around) (again|back|after tonight)",
      "(won't|wont|will not|not) be (here|around) (by|for|after|at) (the weekend|christmas|my birthday|my bday|his birthday|her birthday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|the morning)",
      "(don't|dont) think (i'll|ill|i will) be (here|around) (for|by|next)",
      "(won't|wont|will not) be (at|around for|here for) (the|my|his|her) (reunion|birthday|bday|christmas|wedding)",
      "(be|will be|i'll be|ill be|he'll be|she'll be) gone (by|before) (morning|the morning|tomorrow|tonight|the weekend)",
      "when (he's|she's|i'm|im) gone",
      "the last time (you|you'll|ya|anyone|you'll ever) (see|hear|sees|hear from)",
      '(deleted|deleting) (everything|all my accounts|evrything)',
      'not going through another (winter|christmas|year)',
      '(a|the) date (circled|set|picked|chosen)',
      '(cancelled|stopped) the (papers|milk)',
      "(if i|when i) (don't|dont|do not) wake up",
    ],
  },
  {
    kind: 'farewell',
    label: 'goodbye',
    patterns: [
      '(bye|ta-ra|tara|goodbye) (all|everyone|everybody|world|lads|x|properly|twitter)',
      '(love|luv|ily) (you|u|ya) (all|mam|mum|mom|dad|lot|guys|everyone|so much|very much)',
      'ily all',
      '(loved|love) you (very|so) much',
      '(i love|love) (you|u) [all] [,] (sorry|x)',
      "(sorry|i'm sorry|im sorry) (everyone|to everyone|everybody|for everything|for all of it|mum|mam|mom|dad|our|to my|x)",
      '(saying|said|says|keeps saying|kept saying) sorry',
      "(tell|tell her|tell him|tell them|tell my|tell our|tell ma|tell everyone) * (i love|i'm sorry|im sorry|sorry|ta-ra|i said|love her|love him|i loved)",
      'tell {whoToTell}',
      '(look after|take care of|take) (my|the|your|our|his|her|me) (dog|cat|dogs|cats|kids|children|mum|mam|mom|dad|little|bro|sister|brother|boy|girl|son|daughter|family) [for me|for good]',
      '(thank|thanks) [you] for (trying|everything|putting up with me)',
      "(it's|its|it is) for the best",
      '[just] (wanted|want) (someone|somebody|people|it) (to know|on record)',
      'so (someone|somebody) knows',
      'turning (my|the) phone off',
      'left (my|her|his) (wedding ring|phone|keys|bank cards|cards) (on|at|behind)',
      'keys are under the mat',
      'thanks for nothing',
      "[just]know it (wasn't|wasnt|was not) (anyone's|anyones|your|ur) fault",
      "(it's|its|it is|it was) not (anyone's|anyones|your|ur) fault",
      "(don't|dont|do not|please don't) (blame|be sad|cry)",
      "(won't|wont) be (a problem|a burden|a nuisance) (for|to) (anyone|anybody)",
      "(i'll|ill|i will|i shan't|shan't) [not]be a (nuisance|burden|bother) (to anyone|much longer|for long)",
      '(see you|see ya) on the other side',
    ],
  },

  // ── despair ─────────────────────────────────────────────────────────────────────────────────────────
  {
    kind: 'despair',
    label: 'hopeless',
    patterns: [
      "(i'm|im|i am|am|so|just|proper|properly|totally|completely|think i'm|think im|reckon i'm|he was|she was|he's|she's) (done|finished) [now|with it all|with everything|with all of it|honestly|lads|mate|pal|x]",
      "(i'm|im) done <end>",
      "(had|i've had|ive had|have had|i have had|ad|'ad) (enough|it) [of (everything|it all|all of it|life|living|the pain|being alone|fighting|this)] <end>",
      "(had|ad|had enough|had it|'ad it|ad it) (wi|with) (everything|everythin|it all|life)",
      '(enough of|sick of|tired of|so tired of|exhausted by|done with) (the pain|being alone|fighting|it all|everything|all of it|being here|being alive|living|life|existing)',
      '(tired|so tired|exhausted) of (all of it|it all|everything)',
      "(can't|cant|cannot|cannae|canna) (do|dae) (this|it) [anymore|any more|ony mair|nae more|no more]",
      "(can't|cant|cannot|cannae|canna) (go on|carry on|cope|face|take|do) (this|it|life|another day|another night|ony|any) [ony mair|any more|anymore|nae more|no more|like this|much longer]",
      "(can't|cant|cannot|cannae) go on <end>",
      "(cannot|can't|cant) be arsed (wi|with) life",
      '(no|nae|nowt) (point|hope|way out|future|reason|use) [left|anymore|any more|to me|in me|in carrying on|in anything|<end>]',
      '(not much|little|no) point (to me|in me|anymore|in carrying on|in going on|<end>|lads)',
      '(nothing|nowt|nae) (left|left for me)',
      "(there's|theres|there is) nothing left",
      "(i'm|im|ah'm|a'm|i am) (nae|no|not) use (tae|to) (anybody|onybody|anyone)",
      '(a|such a|just a) burden',
      "better (off|wi'out|without|wiout) (me|without me|wi'out me|wiout me)",
      "(world|everyone) (will|would|'ll|'d) be (lighter|better|happier) (without|wi'out|wiout) me",
      '(lighter|happier|easier) without me',
      '(let|just let) me go',
      '(letting|let) go (today|tonight|now)',
      '(stop|stopping|stopped) fighting',
      '(given|giving|give) up (on life|now|<end>)',
      '(ready|ready now) to go',
      "(can't|cant) see (a|any|the) (reason|future|way|point|end)",
      "(disappointed|disappointment) (i'm|im|that i'm|that im|to be|i am) still (here|alive)",
      '(not|no longer|never felt so) (scared|frightened|afraid) of (dying|death)',
      '(looking forward to|longing for) (dying|death|it|the end)',
      "(frightened|scared|afraid) of (myself|me|what i might do|what i'll do)",
      "(don't|dont|do not) care if i (wake up|die|live|make it)",
      'rather it took me',
      "(nobody|no one|noone|no-one) (will|would|'ll|'d) [even] (miss|notice|care)",
      '(at|in) peace with it',
      '(feel|feeling|felt) [weirdly|so|very|strangely] (calm|at peace)',
      '(feels|felt) like relief',
      'never felt so (certain|sure|calm)',
      "(it'll|it will) [all] be over",
      '(want|wish|need) (it all|it|everything|all of it) to (stop|end|be over)',
      "(dinnae|dinna|divvent|don't|dont) (want|wanna) (tae|te|to) be here",
      "(divvent|dinnae|dunno|don't|dont) (knaa|know) why (am|i'm|im|ah'm) still here",
      '(sleeping|sleep) forever',
      'the voices (are telling|tell|say|said|told|telling) (me|i)',
      '(drowning|sinking) for (years|months|so long)',
      'no hope',
      "(i'm|im|i am) not (safe|ok|okay) <end>",
      "(going to|gonna|will|'ll|wants to|want to|wanna|planning to|about to|threatening to|said he'd|said she'd|says he'll|says she'll) (end it|end things|end it all|do it|kill {them}|kill {me}|do something stupid|hurt {them}|hurt {me}|cut|jump|take them all|take it all|take the lot)",
      '(take|swallow) them all',
      "(said|saying|says|keeps saying|told me|told a nurse|shouting|screaming|posted) [that](he|she|they|he's|she's|they're|he was|she was|he is|she is) (going to|gonna|wants to|will|'ll) (end it|die|jump|do it|kill {them}|cut|hurt {them})",
      '(he|she|they) (wants|wanted|want) to die',
      'talked about wanting to die',
      "(not wanting|doesn't want|dont want|don't want) to (wake up|be here|live|be alive)",
      '(lost|gone) (everything|the farm|the herd|my wife|my husband|my job and my)',
      "(why i|why i shouldn't|i shouldnae|shouldnae|why i shouldnae) jump",
      '(have|be) done with it',
      'nobody to (ring|call|talk to|turn to|help)',
      "(don't|dont) (wanna|want to) (go|come) (back down|back home|home|back)",
      'going further tonight',
      "(i|i'll|ill|i will|she|he) (mean|means) it this time",
      "there's no way out",
    ],
  },

  // ── someone else's emergency ────────────────────────────────────────────────────────────────────────
  {
    kind: 'alarm',
    label: 'someone missing or unreachable',
    patterns: [
      "(not|isn't|isnt|hasn't|hasnt|won't|wont|is not|has not|will not|stopped|wouldn't|wouldnt) (answering|answer|picking up|pick up|replying|reply|responding|respond|answering the door|opening the door|open the door|come out|coming out)",
      '(nobody|no one|noone|no-one) * (answering|answers|picking up|picks up|replying)',
      "(his|her|their|the|my) phone [is|'s|has been|was] (off|switched off|going to voicemail|dead)",
      "phone's off",
      '(gone|went|is|has gone) missing',
      '(walked|run|ran|gone|went) (off|out of|away from|straight out of) (the|his|her) (ward|unit|home|house|care home)',
      'walked straight out',
      '(left|gone out|went out|has left) (the house|home|the flat) (with|saying)',
      '(left|gone out|went out|has left) with (a|the|his|her) (knife|rope|washing line|car keys|hosepipe|shotgun|gun|tablets|pills)',
      '(police|999|ambulance|paramedics) (called|rang|rung|searching|looking|are looking|on (its|their) way|told|coming|are coming|on the way|not here|say)',
      '(rung|rang|called|ringing|calling) (999|the police|an ambulance)',
      'locked (himself|herself|themselves|themself) in',
      "(can't|cant|cannot) (find|reach|get hold of|get to) (him|her|them)",
      '(where|nobody knows where|no idea where) (he|she|they) (is|are)',
      "(don't|dont|do not) know where (he|she|they) (is|are)",
      "(he's|she's|they're|he is|she is) not (home|back)",
      '(please|pls|plz) (help|share|rt|someone|anyone|check on|ring me|call me|get someone)',
      '(please|pls) tell the (staff|nurses|ward)',
      'who do (i|we) (call|ring|phone|even ring)',
      'what (do|should) (i|we) do',
      'what [else]can (i|we) do',
      'what now <end>',
      '(someone|somebody) [please] check on',
      'anyone (seen|know|in)',
      '(scared|afraid|frightened) to leave (her|him|them) alone',
    ],
  },

  // ── method: knowing how, when ───────────────────────────────────────────────────────────────────────
  {
    kind: 'method',
    label: 'knows how or when',
    patterns: [
      '(know|knows|worked out|working out|figured out|decided|deciding|settled on|chosen|picked|planned|looked up|looking up|keep looking up|been looking up|googling|googled|researching) [exactly] (how|how much|how many|which|what dose|the dose|the best way|when|where|the train times|how long)',
      '(picked|chosen|set|decided on|settled on) (a|the) (date|day|time|place)',
      'the date i (picked|chose|set)',
      '(decided|decided to|going to|gonna|plan to|planning to) (end it|do it|end my life|go through with it) (on|this|next|tomorrow|tonight|saturday|sunday|monday|friday)',
      "(decided|i've decided) (on|to end it on) (monday|tuesday|wednesday|thursday|friday|saturday|sunday|the day)",
      "(got|have|has|had|i've got|ive got|made) (a|the|my) plan",
      '(a|the) plan and a date',
      "(the|my) plan (is|'s) (made|set|ready|sorted)",
      'how many (it takes|would do it|to take|would kill)',
      "how long (have i got|ive got|i've got|does it take)",
      '(do it|doing it) properly (this time|next time|tomorrow)',
      "third time (i'm|im) doing it",
      "(i'll|ill|i will) do it (properly|for real|this time)",
      "next time (i'm|im) not (turning round|coming back|stopping|coming in)",
      'nearly did (it|this afternoon|today)',
      'trying to (work up to it|make myself do it)',
      '(work|working|worked) up to it',
      'make myself do it',
      '(not|nothing) (asking|looking) for (help|advice|sympathy)',
      '(worked out|know) how <end>',
      "(i've|ive|i have) (worked out|decided) how",
      '(been|went) to the (bridge|railway|viaduct|cliffs) (three|two|<number>) times',
      'looked up the train times',
    ],
  },

  // ── when ────────────────────────────────────────────────────────────────────────────────────────────
  {
    kind: 'now',
    label: 'tonight',
    patterns: [
      'tonight',
      'tonite',
      '2nite',
      'the neet',
      'the night',
      'rn',
      'right now',
      'after tonight',
      '(by|before) [the] morning',
      'this weekend',
      'in the morning',
      'not long now',
      "(once|when) the (kids|house|wife|husband) (are|is|'s) (in bed|asleep|empty|out|at)",
      "once (we're|everyone's|theyre|they're) asleep",
      'after (checks|work|the kids)',
      'tomorrow (morning|after work|night)',
    ],
  },
];
