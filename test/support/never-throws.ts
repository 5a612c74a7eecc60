/** The property every reader of user text must have: it returns, whatever it is given. */
import fc from 'fast-check';

export interface NeverThrowsOptions {
  /** 300 unless told. */
  numRuns?: number;
  /** How many pieces one text joins at the most; 60 unless told. */
  maxLength?: number;
}

/**
 * Runs `run` on random strings and on texts joined from `pieces` (the characters and words the reader treats
 * specially, where a scanner is most likely to step past the end), and fails on the first that throws.
 */
export function expectNeverThrows(
  run: (text: string) => unknown,
  pieces: readonly string[],
  options: NeverThrowsOptions = {},
): void {
  const { numRuns = 300, maxLength = 60 } = options;
  const joined = fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(fc.oneof(joined, fc.string()), (text) => {
      // Only a throw fails: whatever `run` returns (even `false`) is not a verdict.
      run(text);
    }),
    { numRuns },
  );
}
