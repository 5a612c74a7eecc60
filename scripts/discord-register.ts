/** `npm run discord:register`: `authdoctor discord-register` from a checkout (see adapters/discord/register.ts). */
import { runCli } from '../adapters/cli/cli.js';

process.exitCode = await runCli(['discord-register'], {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
