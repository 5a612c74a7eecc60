import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigSchema, enabledAdapters, loadConfig } from '../src/config.js';
import { AuthdoctorError } from '../src/errors.js';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(AuthdoctorError);
    expect((err as AuthdoctorError).code).toBe('ERR_CONFIG_INVALID');
    return (err as AuthdoctorError).message;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('config', () => {
  it('has embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, AUTHDOCTOR_MAX_INPUT_BYTES: 1_048_576, LOG_LEVEL: 'info' });
    expect(enabledAdapters(config)).toEqual({ slack: false, discord: false });
  });

  it('has conversation defaults: 2 s paste window, 30 min follow-up, 4 answers to stuck, 7 days kept', () => {
    expect(loadConfig({})).toMatchObject({
      AUTHDOCTOR_PASTE_WINDOW_MS: 2000,
      AUTHDOCTOR_FOLLOWUP_MINUTES: 30,
      AUTHDOCTOR_STUCK_AFTER: 4,
      AUTHDOCTOR_SESSION_TTL_HOURS: 168,
      AUTHDOCTOR_MAX_SESSIONS: 10_000,
      AUTHDOCTOR_REDIS_PREFIX: 'authdoctor:',
    });
  });

  it('names every bad conversation setting at once', () => {
    const message = problems({
      AUTHDOCTOR_SUPPORT_URL: 'support@example.com',
      AUTHDOCTOR_PASTE_WINDOW_MS: '-1',
      AUTHDOCTOR_FOLLOWUP_MINUTES: 'soon',
      AUTHDOCTOR_STUCK_AFTER: '1',
      AUTHDOCTOR_SESSION_TTL_HOURS: '0',
      AUTHDOCTOR_REDIS_PREFIX: 'has spaces',
    });
    for (const name of [
      'AUTHDOCTOR_SUPPORT_URL',
      'AUTHDOCTOR_PASTE_WINDOW_MS',
      'AUTHDOCTOR_FOLLOWUP_MINUTES',
      'AUTHDOCTOR_STUCK_AFTER',
      'AUTHDOCTOR_SESSION_TTL_HOURS',
      'AUTHDOCTOR_REDIS_PREFIX',
    ])
      expect(message).toContain(name);
  });

  it('treats blank variables (as in a copied .env.example) as unset', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', PORT: ' ', REDIS_URL: '' }).PORT).toBe(3000);
  });

  it('names every bad variable in one message, and never echoes their values', () => {
    const message = problems({
      SLACK_BOT_TOKEN: 'xoxp-user-token-value',
      PORT: 'eighty',
      REDIS_URL: 'http://127.0.0.1:6379',
      LOG_LEVEL: 'loud',
      DISCORD_TOKEN: 'discord-secret-value',
      SLACK_API_URL: 'not a url',
      AUTHDOCTOR_MAX_INPUT_BYTES: '12',
    });
    for (const name of [
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'PORT',
      'REDIS_URL',
      'LOG_LEVEL',
      'DISCORD_APPLICATION_ID',
      'SLACK_API_URL',
      'AUTHDOCTOR_MAX_INPUT_BYTES',
    ]) {
      expect(message).toContain(`${name}:`);
    }
    expect(message).toContain('8 variables');
    expect(message).not.toContain('xoxp-user-token-value');
    expect(message).not.toContain('discord-secret-value');
  });

  it.each([
    [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' },
      { slack: 'http', discord: false },
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' },
      { slack: 'socket', discord: false },
    ],
    [
      { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678' },
      { slack: false, discord: true },
    ],
  ])('starts the adapters whose credentials are present: %o', (env, expected) => {
    expect(enabledAdapters(loadConfig(env))).toEqual(expected);
  });

  it.each([
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN: required'],
    [{ DISCORD_APPLICATION_ID: '123456789012345678' }, 'DISCORD_TOKEN: required'],
    [{ DISCORD_APPLICATION_ID: 'my-app' }, 'DISCORD_APPLICATION_ID: the numeric application id'],
    [{ PORT: '70000' }, 'PORT: a TCP port'],
  ])('rejects %o', (env, expected) => {
    expect(problems(env)).toContain(expected);
  });

  it('has abuse limits on by default, and names every bad one at once', () => {
    const config = loadConfig({});
    expect([
      config.AUTHDOCTOR_USER_RATE_PER_MINUTE,
      config.AUTHDOCTOR_WORKSPACE_RATE_PER_MINUTE,
      config.AUTHDOCTOR_MAX_OPEN_SESSIONS_PER_USER,
      config.AUTHDOCTOR_OUTBOUND_ALLOW,
    ]).toEqual([20, 600, 5, []]);
    const found = problems({
      AUTHDOCTOR_USER_RATE_PER_MINUTE: '-1',
      AUTHDOCTOR_WORKSPACE_RATE_PER_MINUTE: 'lots',
      AUTHDOCTOR_MAX_OPEN_SESSIONS_PER_USER: '2.5',
      AUTHDOCTOR_OUTBOUND_ALLOW: 'tickets.internal, http://x/',
    });
    for (const name of [
      'AUTHDOCTOR_USER_RATE_PER_MINUTE: a count per minute (0: no limit)',
      'AUTHDOCTOR_WORKSPACE_RATE_PER_MINUTE: a count per minute (0: no limit)',
      'AUTHDOCTOR_MAX_OPEN_SESSIONS_PER_USER: a count of conversations (0: no limit)',
      'AUTHDOCTOR_OUTBOUND_ALLOW:',
    ])
      expect(found).toContain(name);
  });

  it('.env.example lists and explains every variable', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    for (const name of Object.keys(ConfigSchema.shape))
      expect(example).toMatch(new RegExp(`# .+\\n(?:# .*\\n)*${name}=`));
  });
});
