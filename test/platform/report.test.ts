/** Which unasked messages in a watched support channel the bot answers: 401 reports, and nothing else. */
import { describe, expect, it } from 'vitest';
import { looksLikeAuthReport } from '../../src/platform/report.js';
import { diagnoser, PASTES, T0 } from '../support/conversation.js';

const reports: [string, string][] = [
  ['a status in words', 'Our nightly sync gets a 401 from /v2/orders since this morning, any idea?'],
  ['the reason phrase', 'HTTP/1.1 401 Unauthorized when I call the billing API'],
  ['an error body', '{"error":"invalid_token","error_description":"The access token expired"}'],
  ['an expired token', 'my JWT has expired and refreshing does not help'],
  ['invalid key wording', 'keeps saying Invalid API key even though I just created it'],
  ['a curl trace with 401', PASTES.missingHeader],
  ['a curl command that sends no credential', 'curl https://api.stripe.com/v1/charges'],
];

const chatter: [string, string][] = [
  ['a greeting', 'good morning team!'],
  ['a question about something else', 'Does anyone know when the v3 pagination docs go live?'],
  ['a number that is not a status', 'we have 401 customers on the new plan'],
  ['a working request', 'curl -sS https://api.example.com/health\n< HTTP/1.1 200 OK\n{"ok":true}'],
  ['empty', ''],
  ['a 404 report', 'GET /v2/orders returns 404 Not Found'],
];

describe('looksLikeAuthReport', () => {
  it.each(reports)('answers %s', async (_name, text) => {
    expect(await looksLikeAuthReport(diagnoser, text, T0)).toBe(true);
  });
  it.each(chatter)('leaves alone %s', async (_name, text) => {
    expect(await looksLikeAuthReport(diagnoser, text, T0)).toBe(false);
  });
});
