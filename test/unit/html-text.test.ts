import { decodeEntities, htmlToText } from '../../lambdas/adapters/html-text';

describe('feed HTML to plain text', () => {
  it('decodes named entities case-sensitively, and numeric ones', () => {
    expect(decodeEntities('&Eacute;&eacute; &amp; &#39;x&#39; &#x2014; &nbsp;|&bogus;')).toBe(
      "Éé & 'x' —  |&bogus;",
    );
  });

  it('drops inline tags without adding spaces and turns block tags into spaces', () => {
    expect(htmlToText('<p>Long <b>wait</b>.</p><p>Second&nbsp;para</p><script>alert(1)</script>')).toBe(
      'Long wait. Second para',
    );
  });
});
