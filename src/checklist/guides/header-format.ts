import { authReference, commandUrl, type GuideBuilder, links } from './shared.js';

export const headerFormat: GuideBuilder = (ctx) => {
  const example = ctx.example;
  const url = commandUrl(ctx);
  return {
    why: 'The server reads the credential from one header, with one scheme word and encoding. The right token in the wrong shape looks like no token at all.',
    check: [
      'Use the header name the API documents (usually `Authorization`, sometimes `X-API-Key` or similar).',
      'Use the scheme it expects (`Bearer`, `Basic`, `token`, …), followed by one space and no colon.',
      'Remove quotes, spaces and line breaks around the credential.',
      'For Basic auth, base64-encode `user:password` with no trailing newline.',
    ],
    howTo: [
      example
        ? {
            title: 'Your request, in the right shape',
            steps: [
              'This is your request with the credential where the API expects it. Replace the placeholder with your real value.',
              'To use a shell variable instead, put it inside double quotes: single quotes send `$TOKEN` literally.',
            ],
            code: { text: example, language: 'bash' },
          }
        : {
            title: 'The usual shape',
            steps: [
              "A bearer token goes in `Authorization: Bearer <token>`; check the API's docs for its exact header and scheme.",
              'Replace `<YOUR_TOKEN>` with your value, or use `"Authorization: Bearer $TOKEN"` in double quotes so the shell expands it.',
            ],
            code: { text: `curl -H 'Authorization: Bearer <YOUR_TOKEN>' ${url}`, language: 'bash' },
          },
      {
        title: 'Basic auth',
        steps: [
          "Let curl build the header: `-u 'user:password'` encodes it for you.",
          "To build it yourself, encode without a newline: `printf '%s' 'user:password' | base64`, then send `Authorization: Basic <result>`.",
          "Never use plain `echo`: it adds a newline that becomes part of the password. `echo -n` avoids that in bash, `printf '%s'` works in every shell.",
          'GNU `base64` on Linux wraps long output at 76 characters; add `-w 0` for long credentials.',
          "In PowerShell: `[Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('user:password'))`.",
        ],
        code: {
          text: [`curl -u 'user:password' ${url}`, "printf '%s' 'user:password' | base64"].join('\n'),
          language: 'bash',
        },
      },
      {
        title: 'Common shape mistakes',
        steps: [
          '`Bearer: TOKEN` (a colon after the scheme) and `Bearer Bearer TOKEN` (the scheme twice) are both rejected.',
          'Quotes inside the value (`Bearer "TOKEN"`) become part of the token.',
          "Some APIs use their own header (`X-API-Key`) or scheme (`token`, `Bot`, `SSWS`); the provider's docs say which.",
        ],
      },
    ],
    links: links(
      authReference(ctx),
      { label: 'RFC 6750: Bearer tokens', url: 'https://www.rfc-editor.org/rfc/rfc6750' },
      { label: 'RFC 7617: Basic authentication', url: 'https://www.rfc-editor.org/rfc/rfc7617' },
    ),
  };
};
