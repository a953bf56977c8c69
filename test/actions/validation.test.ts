// The first wall: names and words are refused with a sentence naming the field, the value
// (escaped) and what is wrong, most dangerous problem first.
import { describe, expect, it } from 'vitest';
import {
  checkWord,
  containerNameRule,
  nodeIdRule,
  redisKeyRule,
  showValue,
  wordProblem,
} from '../../electron/actions/validation';

describe('word checks', () => {
  it('accepts Docker container names up to 128 characters', () => {
    for (const name of ['keydb', 'visionking-inference', 'a', 'dw_sis.surface-2', 'A'.repeat(128)])
      expect(wordProblem(name, containerNameRule), name).toBeNull();
  });

  it('names the problem', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['a\0b', /NUL byte/],
      ['a\nb', /line break/],
      ['a\u0007b', /control character/],
      ['a;reboot', /";", which a shell would interpret/],
      ['a$(reboot)', /"\$", which a shell/],
      ['a`id`', /"`"/],
      ["a'b", /"'"/],
      ['a"b', /"\\""/],
      ['a b', /" "/],
      ['-rf', /starts with "-"/],
      ['caf\u00e9', /non-ASCII/],
      ['a'.repeat(129), /129 characters long \(at most 128\)/],
      ['.hidden', /not made of letters/],
    ];
    for (const [value, expected] of cases) {
      expect(wordProblem(value, containerNameRule), JSON.stringify(value)).toMatch(expected);
    }
  });

  it('puts field, escaped value and problem in one sentence', () => {
    expect(checkWord('target.container', 'a\nb', containerNameRule)).toBe(
      'target.container: "a\\nb" is not a container name: it contains a line break',
    );
    expect(checkWord('target.node', 'VK01', nodeIdRule)).toMatch(
      /^target\.node: "VK01" is not a node id: it is not made of lower-case letters/,
    );
    expect(checkWord('args.key', 'DB_Speed', redisKeyRule)).toBeNull();
  });

  it('shows long and odd values cut and escaped', () => {
    expect(showValue('x'.repeat(100))).toBe(`"${'x'.repeat(40)}…"`.replace('…', '\\u2026'));
    expect(showValue('caf\u00e9')).toBe('"caf\\u00e9"');
  });
});
