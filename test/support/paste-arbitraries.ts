/** Random pastes built from the pieces real pastes are made of, shared by the intake and diagnose properties. */
import fc from 'fast-check';

// Pieces real pastes are made of, so random combinations reach deep into every parser.
export const PIECES = [
  'curl ',
  'curl.exe ',
  'http ',
  'Invoke-WebRequest -Uri ',
  '-H ',
  '-u ',
  '-d ',
  '--data-raw ',
  '-X POST ',
  '-L ',
  '--oauth2-bearer ',
  "'",
  '"',
  "$'",
  '\\\n',
  '^\n',
  '`\n',
  '$TOKEN',
  '${TOKEN}',
  '$(cat t)',
  'https://api.example.test/v1/me?api_key=',
  'Authorization: Bearer ',
  'Authorization: Basic ',
  'Cookie: session=',
  '> GET / HTTP/1.1\n',
  '< HTTP/2 401\n',
  '< www-authenticate: Bearer realm="x", error="invalid_token"\n',
  'HTTP/1.1 401 Unauthorized\n',
  ':authority: x\n',
  '{"error":"invalid_token","error_description":"expired"}',
  '{"log":{"entries":[',
  'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.',
  'AxiosError: Request failed with status code 401\n',
  'fetch(url, { headers: { Authorization: `Bearer ${t}` } })',
  'requests.get(url, headers={"X-Api-Key": key})',
  'API_KEY=',
  '@{ "a" = "b" }',
  '<<EOF\n',
  'EOF\n',
  '&&',
  '|',
  ';',
  '\n',
  ' ',
  '\u201C',
  '\u2014',
  '\u200B',
  '&amp;',
  '<https://x.test|x>',
  '```',
];

export const pasteArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PIECES),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 6 }),
    ),
    {
      maxLength: 40,
    },
  )
  .map((parts) => parts.join(''));
