/** docs/rules/ is generated from the rules and their cases; stale docs fail CI until `npm run docs` runs. */
import { describe, expect, it } from 'vitest';
import { currentRuleDocs, expectedRuleDocs } from '../scripts/rule-docs.js';

describe('rule docs', () => {
  it('are up to date with the rules and their cases (run `npm run docs`)', async () => {
    const expected = await expectedRuleDocs();
    const current = currentRuleDocs();
    expect([...current.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) expect(current.get(name), `docs/rules/${name} is stale`).toBe(text);
  });
});
