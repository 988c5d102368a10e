/**
 * Hostile names in every output channel of `liqsim check` and the CLI: a scenario file name, key
 * or error message is user input and must never close a Markdown code fence, render HTML or an
 * external image in a CI job summary, break JUnit XML, or send escape sequences to a terminal.
 */
import { describe, expect, it } from 'vitest';
import { renderJUnit, renderMarkdown, renderTerminal, type CheckReport } from '../../src/check/index.js';
import { markdownCode, markdownFence, markdownText } from '../../src/escape/markdown.js';
import { terminalLines, terminalText } from '../../src/escape/terminal.js';
import { xmlAttribute, xmlText } from '../../src/escape/xml.js';
import { findAll, parseXml } from './xml.js';

const IMG = '![x](https://evil.example/track.png)';
const HTML = '<img src=https://evil.example/a.png><script>alert(1)</script>';
/** Closes a ``` fence, then renders an image and HTML if nothing stops it. */
const FENCE_BREAK = `unknown key '\`\`\`\n${IMG}\n${HTML}\n\`\`\`\`\`'`;
const ESC = '\x1b[2K\x1b]0;title\x07\r\u202e';

function errorReport(file: string, message: string, hint?: string): CheckReport {
  return {
    scenarios: [{ file, baselineFile: `${file}.json`, status: 'error', comparison: null, error: { message, ...(hint === undefined ? {} : { hint }) } }],
    baselinesDir: 'reports/baselines',
    update: false,
    k: 4,
    windowDays: 3,
    relTolerance: 0.1,
    exitCode: 2,
  };
}

/** The Markdown lines outside fenced code blocks (CommonMark: a fence closes with >= as many ticks). */
function outsideFences(markdown: string): string[] {
  const out: string[] = [];
  let fence = '';
  for (const line of markdown.split('\n')) {
    const m = /^(`{3,})/.exec(line);
    if (fence === '') {
      if (m) fence = m[1];
      else out.push(line);
    } else if (m && m[1].length >= fence.length && line.trim() === '`'.repeat(line.trim().length)) {
      fence = '';
    }
  }
  expect(fence).toBe(''); // every fence closed by its own closing line
  return out;
}

describe('Markdown (check --summary)', () => {
  it('a message with backtick runs stays inside its fence; HTML and images outside are escaped', () => {
    const md = renderMarkdown(errorReport(`scenarios/${HTML}${IMG}.yaml`, FENCE_BREAK, `rename \`\`\` ${HTML}`));
    // The longest backtick run in the message is 5, so the fence has 6.
    expect(md).toContain('``````text\n');
    const lines = outsideFences(md);
    // The hint is one code span, longer-ticked than the ``` inside it: its content is literal.
    expect(lines).toContain(`Hint: \`\`\`\`rename \`\`\` ${HTML}\`\`\`\``);
    const outside = lines.filter((l) => !l.startsWith('Hint: ')).join('\n');
    // No raw HTML tag, no image syntax, no unescaped link bracket outside code.
    expect(outside).not.toMatch(/(^|[^\\])<[a-z/]/i);
    expect(outside).not.toMatch(/(^|[^\\])!(\\)?\[/);
    expect(outside).toContain('\\<img src=https://evil.example/a.png\\>');
    expect(outside).toContain('\\!\\[x\\]\\(https://evil.example/track.png\\)');
  });

  it('markdownFence / markdownCode pick fences longer than any backtick run', () => {
    expect(markdownFence('a ```` b')).toBe('`````text\na ```` b\n`````');
    expect(markdownFence('plain')).toBe('```text\nplain\n```');
    expect(markdownCode('x `y` z')).toBe('``x `y` z``');
    expect(markdownCode('`edge`')).toBe('`` `edge` ``');
    expect(markdownText('a|b *c* _d_ [e](f) <g> &amp; $x$ #h ~~i~~')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\[e\\]\\(f\\) \\<g\\> \\&amp; \\$x\\$ \\#h \\~\\~i\\~\\~',
    );
    expect(markdownText(`a${ESC}b`)).toBe('a\\\\x1b\\[2K\\\\x1b\\]0;title\\\\x07\\\\r\\\\u202eb');
  });
});

describe('terminal', () => {
  it('shows control characters, escape sequences and bidi overrides as visible escapes', () => {
    expect(terminalText(`name${ESC}\nPASS`)).toBe('name\\x1b[2K\\x1b]0;title\\x07\\r\\u202e\\nPASS');
    expect(terminalText('\x9b31m\x7f\t')).toBe('\\x9b31m\\x7f\\t');
    expect(terminalLines('line 1\n\tline 2\x1b[31m')).toBe('line 1\n\tline 2\\x1b[31m');
    expect(terminalText('日本語 ok')).toBe('日本語 ok');
  });

  it('renderTerminal never emits a raw control character other than newline', () => {
    const log = renderTerminal(errorReport(`evil${ESC}.yaml`, `bad key 'k${ESC}'\nsecond line`, `hint${ESC}`));
    expect(log).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(log).toContain('ERROR evil\\x1b[2K');
    expect(log).toContain('      second line');
  });
});

describe('JUnit XML', () => {
  it('parses with hostile names, control characters and quotes; text survives visibly', () => {
    const nasty = `a"b'c<d>&e\x00\x01\x1b\x0b\ud800 ]]> end`;
    const xmlDoc = renderJUnit(errorReport(`scenarios/${nasty}.yaml`, `line 1 ${nasty}\nline 2`, nasty));
    expect(xmlDoc).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f]/);
    const root = parseXml(xmlDoc);
    const suite = findAll(root, 'testsuite')[0];
    expect(suite.attributes.name).toBe(`${'a"b\'c<d>&e\\u0000\\u0001\\u001b\\u000b\\ud800 ]]> end'}`);
    const error = findAll(root, 'error')[0];
    expect(error.attributes.message).toContain('line 1 a"b\'c<d>&e');
    expect(error.text).toContain('line 2');
  });

  it('xmlText and xmlAttribute', () => {
    expect(xmlText(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(xmlAttribute('a\nb\tc')).toBe('a&#10;b&#9;c');
    // A valid surrogate pair (an emoji) is kept; a lone one is made visible.
    expect(xmlText('😀\udc00')).toBe('😀\\udc00');
  });
});
