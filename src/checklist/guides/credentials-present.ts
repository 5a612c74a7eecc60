import { authReference, commandUrl, type GuideBuilder, links } from './shared.js';

export const credentialsPresent: GuideBuilder = (ctx) => {
  const url = commandUrl(ctx);
  return {
    why: 'Often the server saw no credential at all: an empty variable, a header the client never set, or one dropped on the way. Looking at what actually leaves your machine settles it.',
    check: [
      'Find the `Authorization` header (or the header or parameter this API uses) in the request as it is sent.',
      'Make sure the variable that holds the credential is set, and not empty, where the code runs.',
      'Make sure the shell expanded `$TOKEN`: inside single quotes it is sent as the literal text `$TOKEN`.',
    ],
    howTo: [
      {
        title: 'curl',
        steps: [
          'Run your failing command with `-v` added and read the lines starting with `> `: they are exactly what curl sent.',
          'No `> Authorization:` line means curl sent no credential; `> Authorization: Bearer` with nothing after it means the variable was empty.',
          'That output contains the credential itself: paste it only here (authdoctor replaces credentials with fingerprints) or redact it first.',
        ],
        code: {
          text: `curl -v -s -o /dev/null -H "Authorization: Bearer $TOKEN" ${url} 2>&1 | grep '^> '`,
          language: 'bash',
        },
      },
      {
        title: 'Shell variables and quoting',
        steps: [
          'Check the variable in the same shell or job that runs the request; the first line below prints its length, never its value.',
          "Single quotes stop expansion: `-H 'Authorization: Bearer $TOKEN'` sends the text `$TOKEN`. Use double quotes.",
          'In PowerShell use `$env:TOKEN` inside double quotes and call `curl.exe` (in Windows PowerShell `curl` is `Invoke-WebRequest`); in cmd.exe use `%TOKEN%`.',
          'A `.env` file is only read if your code or tool loads it; in Docker pass `--env-file`, in CI define the secret for that job.',
        ],
        code: {
          text: [
            '[ -n "$TOKEN" ] && echo "TOKEN is set (${#TOKEN} chars)" || echo "TOKEN is empty"',
            `curl -H "Authorization: Bearer $TOKEN" ${url}`,
          ].join('\n'),
          language: 'bash',
        },
      },
      {
        title: 'Browser',
        steps: [
          'Open DevTools (F12, or Cmd+Option+I on macOS), select the Network tab and repeat the request.',
          'Click the request and look under Headers › Request Headers for `Authorization` (or the header this API uses).',
          'A CORS preflight (`OPTIONS`) never carries the credential: look at the request that follows it.',
        ],
      },
      {
        title: 'Node.js',
        steps: ['Log whether the credential is there and how long it is, never the value itself.'],
        code: {
          text: [
            "const token = process.env.API_TOKEN ?? '';",
            "console.log('API_TOKEN set:', token !== '', 'length:', token.length);",
          ].join('\n'),
          language: 'javascript',
        },
      },
      {
        title: 'Python',
        steps: ['Log whether the credential is there and how long it is, never the value itself.'],
        code: {
          text: [
            'import os',
            'token = os.environ.get("API_TOKEN", "")',
            'print("API_TOKEN set:", token != "", "length:", len(token))',
          ].join('\n'),
          language: 'python',
        },
      },
    ],
    links: links(authReference(ctx), {
      label: 'curl: --verbose',
      url: 'https://curl.se/docs/manpage.html#-v',
    }),
  };
};
