/** Where curlconverter's test fixtures are, for every test and benchmark that reads them. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** curlconverter's fixtures: `$AUTHDOCTOR_FIXTURES` (the fixtures root or the curlconverter folder) or shared/. */
export function fixturesDir(repoRoot: string): string {
  const override = process.env.AUTHDOCTOR_FIXTURES;
  if (override === undefined || override === '') {
    return path.resolve(repoRoot, '..', 'shared', 'fixtures', 'curlconverter');
  }
  const nested = path.join(override, 'curlconverter');
  return existsSync(nested) ? nested : override;
}

/** The `.sh` files in `dir`, sorted; none when the folder is missing. */
export function listFixtures(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sh'))
    .sort();
}
