import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel, REDACT_PATHS, REDACTED, silentLogger } from '../src/log.js';

function capture(level: LogLevel = 'debug') {
  const lines: string[] = [];
  const log = createLogger(level, (line) => lines.push(line));
  const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { log, lines, parsed };
}

const RAW = {
  bearer: 'Bearer ghp_R4wT0k3nV4lu3Th4tMustN0tL34k0000001',
  cookie: 'session=s3ss10nC00k13MustN0tL34k',
  password: 'hunter2-P4ssw0rd-MustN0tL34k',
  apiKey: 'sk_live_4p1K3yMustN0tL34k000000',
  paste: 'curl -H "Authorization: Bearer xoxb-111-222-P4st3dT0k3n" https://api.example.com',
  body: '{"client_secret":"b0dyS3cr3tMustN0tL34k"}',
};

describe('createLogger', () => {
  it('writes one JSON object per line with a level label, an ISO time, msg and the fields', () => {
    const { log, lines, parsed } = capture('info');
    log.info({ event: 'E1', n: 3 }, 'event handled');
    log.warn({}, 'careful');
    log.error({ code: 'ERR_X' }, 'broken');
    expect(lines).toHaveLength(3);
    for (const line of lines)
      expect(line.endsWith('\n') && line.indexOf('\n') === line.length - 1).toBe(true);
    const [first, second, third] = parsed();
    expect(first).toMatchObject({ level: 'info', msg: 'event handled', event: 'E1', n: 3 });
    expect(new Date(String(first?.time)).toISOString()).toBe(first?.time);
    expect(second).toMatchObject({ level: 'warn', msg: 'careful' });
    expect(third).toMatchObject({ level: 'error', code: 'ERR_X' });
    // Tests elsewhere look for these exact fragments.
    expect(lines[0]).toContain('"msg":"event handled"');
    expect(lines[0]).toContain('"event":"E1"');
    expect(lines[2]).toContain('"level":"error"');
  });

  it('filters by level', () => {
    const { log, parsed } = capture('warn');
    log.debug({}, 'd');
    log.info({}, 'i');
    log.warn({}, 'w');
    log.error({}, 'e');
    expect(parsed().map((l) => l.msg)).toEqual(['w', 'e']);

    const silent = capture('silent');
    silent.log.error({}, 'nothing');
    expect(silent.lines).toEqual([]);
  });

  it('never writes a credential, at the top level or one level deep, even at debug', () => {
    const { log, lines, parsed } = capture('debug');
    log.debug(
      {
        authorization: RAW.bearer,
        token: RAW.bearer,
        password: RAW.password,
        secret: RAW.password,
        apiKey: RAW.apiKey,
        api_key: RAW.apiKey,
        cookie: RAW.cookie,
        text: RAW.paste,
        paste: RAW.paste,
        payload: { anything: RAW.paste },
        body: RAW.body,
        raw: RAW.paste,
        headers: { authorization: RAW.bearer, cookie: RAW.cookie, 'x-api-key': RAW.apiKey, accept: '*/*' },
        request: { token: RAW.bearer, body: RAW.body, password: RAW.password, method: 'GET' },
        event: 'E1',
      },
      'a careless debug line',
    );
    const out = lines.join('');
    for (const value of Object.values(RAW)) expect(out).not.toContain(value);
    const [line] = parsed();
    expect(line).toMatchObject({
      authorization: REDACTED,
      token: REDACTED,
      text: REDACTED,
      payload: REDACTED,
      headers: { authorization: REDACTED, cookie: REDACTED, 'x-api-key': REDACTED, accept: '*/*' },
      request: { token: REDACTED, body: REDACTED, password: REDACTED, method: 'GET' },
      event: 'E1',
    });
  });

  it('names every redacted key at the top level and under a wildcard', () => {
    for (const key of [
      'authorization',
      'token',
      'password',
      'secret',
      'apiKey',
      'api_key',
      'text',
      'paste',
    ]) {
      expect(REDACT_PATHS).toContain(key);
      expect(REDACT_PATHS).toContain(`*.${key}`);
    }
    for (const key of ['payload', 'body', 'raw', 'cookie']) expect(REDACT_PATHS).toContain(`*.${key}`);
  });

  it('puts child bindings on every line, and redacts them too', () => {
    const { log, lines, parsed } = capture('debug');
    const child = log.child({ req: 'req-42', token: RAW.bearer });
    child.debug({ step: 1 }, 'one');
    child.info({ step: 2 }, 'two');
    child.child({ queue: 'events' }).error({ step: 3 }, 'three');
    log.info({}, 'parent');
    const all = parsed();
    expect(all.slice(0, 3).map((l) => l.req)).toEqual(['req-42', 'req-42', 'req-42']);
    expect(all[2]).toMatchObject({ queue: 'events', step: 3, level: 'error' });
    expect(all[3]?.req).toBeUndefined();
    expect(lines.join('')).not.toContain(RAW.bearer);
  });

  it('silentLogger drops everything, children included', () => {
    expect(() => {
      silentLogger.debug({ token: RAW.bearer }, 'x');
      silentLogger.child({ req: 'r' }).error({}, 'y');
    }).not.toThrow();
  });
});
