/**
 * The leak corpus and its scanner, before any path runs: the corpus covers every credential format the
 * code knows (the intake table and the provider packs' own formats), each fake is a value of its format,
 * intake finds every secret in every paste (what it does not find, nothing redacts), and the scanner finds
 * a secret in every form a renderer or a transport could leave it in, so a clean scan means something.
 */
import { describe, expect, it } from 'vitest';
import { escapeInline } from '../../adapters/discord/markdown.js';
import { escapeMrkdwn } from '../../adapters/slack/mrkdwn.js';
import { loadConfig } from '../../src/config.js';
import { createDiagnoser } from '../../src/diagnose/service.js';
import { classifyCredential } from '../../src/intake/credentials/classify.js';
import { CREDENTIAL_FORMATS } from '../../src/intake/credentials/formats.js';
import { scanTextFormats } from '../../src/intake/credentials/text-formats.js';
import { builtinKnowledge } from '../../src/providers/knowledge.js';
import { packTextFormats } from '../../src/providers/pack-formats.js';
import { redactText } from '../../src/secrets/redact-text.js';
import { envName, knownFormatIds, leakCorpus, uncoveredFormats } from './leak-corpus.js';
import { describeHits, FRAGMENT, LeakScanner } from './leak-scan.js';

const corpus = leakCorpus();
const scanner = new LeakScanner(corpus);

describe('the corpus', () => {
  it('covers every credential format the code knows, with unique items', () => {
    expect(knownFormatIds().length).toBeGreaterThan(100);
    expect(uncoveredFormats(corpus)).toEqual([]);
    const ids = corpus.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    // One secret is never another item's: a hit names the item it came from.
    const values = corpus.flatMap((item) => item.secrets.map((s) => s.value));
    expect(new Set(values).size).toBe(values.length);
  });

  it('makes each format fake a value of that format, named as it by intake when the table has it', () => {
    const packFormats = new Map(
      builtinKnowledge().packs.flatMap((p) => p.credentialFormats.map((f) => [f.id, f.pattern] as const)),
    );
    const wrong: string[] = [];
    for (const item of corpus.filter((i) => !i.id.includes('/'))) {
      const value = item.secrets[0]?.value ?? '';
      const table = CREDENTIAL_FORMATS.find((f) => f.id === item.id);
      const pattern = table?.pattern ?? packFormats.get(item.id);
      if (!pattern || !new RegExp(`^(?:${pattern.source})$`, pattern.flags).test(value))
        wrong.push(`${item.id}: fake does not match its pattern`);
      else if (table && classifyCredential(value, { name: envName(item.id) }).format?.id !== item.id)
        wrong.push(
          `${item.id}: classified as ${classifyCredential(value, { name: envName(item.id) }).format?.id}`,
        );
    }
    expect(wrong).toEqual([]);
  });

  it('has every secret found by intake: the redacted paste and the evidence hold none', async () => {
    const diagnoser = createDiagnoser(loadConfig({}));
    const missed: string[] = [];
    for (const item of corpus) {
      const { evidence, diagnosis } = await diagnoser.examine(item.paste);
      const hits = [
        ...scanner.scan('redacted paste', redactText(item.paste, evidence)),
        ...scanner.scan('evidence', JSON.stringify(evidence)),
        ...scanner.scan('diagnosis', JSON.stringify(diagnosis)),
      ].filter((h) => h.item === item.id);
      missed.push(...describeHits(hits).map((h) => `${h} [${item.shape}]`));
    }
    expect(missed).toEqual([]);
  });
});

describe('pack formats in free text (intake finds them by their prefix)', () => {
  const formats = packTextFormats(builtinKnowledge());
  const vault = corpus.find((item) => item.id === 'vault.service_token/prose')?.secrets[0]?.value ?? '';

  it('knows every pack format that declares a prefix', () => {
    const declared = builtinKnowledge().packs.flatMap((p) => p.credentialFormats.filter((f) => f.prefix));
    expect(formats.map((f) => f.prefix).sort()).toEqual(declared.map((f) => f.prefix).sort());
  });

  it('takes a token ending a sentence without the full stop, and nothing glued to a longer word', () => {
    expect(scanTextFormats(`the token was ${vault}.`, formats).map((m) => m.value)).toEqual([vault]);
    expect(scanTextFormats(`x${vault}`, formats)).toEqual([]);
    expect(scanTextFormats('hvs. is the prefix of a service token', formats)).toEqual([]);
  });
});

describe('the scanner', () => {
  const leakedAs: [string, (secret: string) => string][] = [
    ['raw in prose', (s) => `your key is ${s}, right?`],
    ['form-encoded (Slack Web API body)', (s) => new URLSearchParams({ text: `key ${s}` }).toString()],
    ['JSON-escaped', (s) => JSON.stringify({ text: `"${s}"\n` })],
    ['Slack mrkdwn', (s) => new URLSearchParams({ text: escapeMrkdwn(`_${s}_ *${s}*`) }).toString()],
    ['Discord markdown', (s) => JSON.stringify({ content: escapeInline(`> ${s} ~~${s}~~`) })],
    ['base64', (s) => Buffer.from(s).toString('base64')],
    ['cut short', (s) => `token ${s.slice(-(FRAGMENT + 3))}…`],
  ];

  it.each(leakedAs)('finds every corpus secret leaked %s', (how, leak) => {
    // A whole PEM block cut short is found by its lines, each a secret of its own.
    const missed = corpus.flatMap((item) =>
      item.secrets
        .filter((s) => s.value.length >= FRAGMENT + 3 && !(how === 'cut short' && s.wholeOnly))
        .filter((s) => !scanner.scan('test', leak(s.value)).some((h) => h.item === item.id))
        .map((s) => `${item.id} ${s.role}`),
    );
    expect(missed).toEqual([]);
  });

  it('finds nothing in what the bot may show: fingerprints and public prefixes', () => {
    const shown = corpus
      .flatMap((item) =>
        item.secrets.map((s) => `${s.publicPrefix ?? ''}…${s.value.slice(-4)} (${s.value.length} chars)`),
      )
      .join('\n');
    expect(describeHits(scanner.scan('fingerprints', shown))).toEqual([]);
  });

  it('names the path, the item and the form of a leak, never the secret', () => {
    const item = corpus.find((i) => i.id === 'stripe.secret_key_live');
    const secret = item?.secrets[0]?.value ?? '';
    const lines = describeHits(scanner.scan('somewhere', secret));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^somewhere: stripe\.secret_key_live \[stripe\.secret_key_live\] token as raw/);
    for (const line of lines) expect(line).not.toContain(secret.slice(8, 8 + FRAGMENT));
  });
});
