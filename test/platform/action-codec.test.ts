import { describe, expect, it } from 'vitest';
import { decodeButton, encodeAction, encodeClaim, encodeRelease } from '../../src/platform/action-codec.js';

describe('button values', () => {
  it('round-trip an action and a claim within Discord custom_id limits', () => {
    const value = encodeAction({ id: 'still_401', session: '0abc123', turn: 12 });
    expect(value.length).toBeLessThanOrEqual(100);
    expect(decodeButton(value)).toEqual({
      kind: 'action',
      action: 'still_401',
      session: '0abc123',
      turn: 12,
    });
    const claim = encodeClaim('esc-0abc123-4.1x2y3z4');
    expect(claim.length).toBeLessThanOrEqual(100);
    expect(decodeButton(claim)).toEqual({ kind: 'claim', claim: 'esc-0abc123-4.1x2y3z4' });
    expect(decodeButton(encodeRelease('esc-0abc123-4.1x2y3z4'))).toEqual({
      kind: 'release',
      claim: 'esc-0abc123-4.1x2y3z4',
    });
  });

  it.each([
    '',
    'walk',
    'ad1',
    'ad2|walk|s|1',
    'ad1|walk|s',
    'ad1|walk|s|-1',
    'ad1|walk|s|1.5',
    'ad1|walk|s|1|extra',
    'ad1|claim',
    'ad1|claim|a|b',
    'ad1|release',
    'ad1|release|a|b',
    'ad1|<script>|s|1',
    `ad1|walk|${'s'.repeat(200)}|1`,
  ])('refuses %j without throwing', (value) => {
    expect(decodeButton(value)).toBeUndefined();
  });
});
