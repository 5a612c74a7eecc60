/**
 * The Evidence value: everything intake understood from one paste, redacted. This is the contract between
 * intake and the rules (and what `authdoctor parse --json` prints). Raw credential values exist only inside
 * `Secret` instances, whose every printable form is a fingerprint.
 */
import { z } from 'zod';
import { Secret } from '../secrets/secret.js';
import { KindSchema } from './kinds.js';
import { NoteSchema } from './notes.js';

export const SecretSchema = z.instanceof(Secret);

export const ValueOriginSchema = z.object({
  kind: z.enum([
    'literal',
    'shell_variable',
    'shell_literal_variable',
    'command_substitution',
    'env',
    'variable',
    'template',
  ]),
  names: z.array(z.string()).optional(),
});

/** A name/value pair whose value is already redacted; `credential` points into `Evidence.credentials`. */
export const FieldSchema = z.object({
  name: z.string(),
  value: z.string(),
  credential: z.string().optional(),
  origin: ValueOriginSchema.optional(),
});
export type Field = z.infer<typeof FieldSchema>;

export const UrlSchema = z.object({
  /** As sent, redacted. */
  raw: z.string(),
  /** False when the text could not be read as a URL (then only `raw` is set). */
  valid: z.boolean(),
  scheme: z.string().optional(),
  host: z.string().optional(),
  port: z.number().int().optional(),
  path: z.string().optional(),
  query: z.array(FieldSchema),
  userinfo: z.object({ user: z.string(), credential: z.string().optional() }).optional(),
});
export type Url = z.infer<typeof UrlSchema>;

export const ChallengeSchema = z.object({
  /** As sent (`Bearer`, `Basic`, `DPoP`…); compare case-insensitively. */
  scheme: z.string(),
  token68: z.string().optional(),
  /** Parameter names lowercased; values unquoted. */
  params: z.record(z.string(), z.string()),
});
export type Challenge = z.infer<typeof ChallengeSchema>;

/** The fields of an error body that say why a request failed (OAuth, RFC 7807 and provider styles). */
export const ErrorBodySchema = z.object({
  error: z.string().optional(),
  errorDescription: z.string().optional(),
  message: z.string().optional(),
  code: z.union([z.string(), z.number()]).optional(),
  type: z.string().optional(),
  status: z.number().int().optional(),
  /** Slack-style `{ "ok": false }` on HTTP 200. */
  ok: z.boolean().optional(),
  /** The body as text, redacted and truncated. */
  text: z.string(),
  json: z.boolean(),
  line: z.number().int().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const RequestSchema = z.object({
  method: z.string(),
  methodExplicit: z.boolean(),
  url: UrlSchema.optional(),
  headers: z.array(FieldSchema),
  /** Credentials given outside headers: `-u`, `--oauth2-bearer`, `http -a`, `auth=(…)`. */
  auth: z
    .object({
      scheme: z.enum(['basic', 'bearer', 'digest', 'ntlm', 'negotiate', 'anyauth', 'aws-sigv4']),
      credential: z.string().optional(),
      user: z.string().optional(),
    })
    .optional(),
  cookies: z.array(FieldSchema),
  /** Headers the command deliberately suppresses (`-H 'Authorization:'`), lowercased. */
  removedHeaders: z.array(z.string()).optional(),
  body: z
    .object({
      kind: z.enum(['form', 'json', 'multipart', 'raw', 'file']),
      text: z.string().optional(),
      file: z.string().optional(),
      fields: z.array(FieldSchema).optional(),
      truncated: z.boolean(),
    })
    .optional(),
  options: z.object({
    followRedirects: z.boolean().optional(),
    locationTrusted: z.boolean().optional(),
    insecure: z.boolean().optional(),
    proxy: z.string().optional(),
    proxyCredential: z.string().optional(),
    verbose: z.boolean().optional(),
    include: z.boolean().optional(),
    dataAsQuery: z.boolean().optional(),
    maxRedirs: z.number().optional(),
    awsSigv4: z.string().optional(),
    authScheme: z.enum(['basic', 'digest', 'ntlm', 'negotiate', 'anyauth', 'aws-sigv4', 'bearer']).optional(),
    cookieFiles: z.array(z.string()).optional(),
    cookieJar: z.string().optional(),
    httpVersion: z.string().optional(),
  }),
});
export type Request = z.infer<typeof RequestSchema>;

export const ResponseSchema = z.object({
  httpVersion: z.string().optional(),
  status: z.number().int(),
  statusText: z.string().optional(),
  headers: z.array(FieldSchema),
  challenges: z.array(ChallengeSchema),
  body: z.object({ text: z.string(), truncated: z.boolean() }).optional(),
  error: ErrorBodySchema.optional(),
});
export type Response = z.infer<typeof ResponseSchema>;

export const ExchangeSchema = z.object({
  id: z.string(),
  source: KindSchema,
  line: z.number().int().optional(),
  hop: z.number().int().optional(),
  request: RequestSchema.optional(),
  response: ResponseSchema.optional(),
});
export type Exchange = z.infer<typeof ExchangeSchema>;

export const OccurrenceSchema = z.object({
  location: z.enum([
    'authorization',
    'header',
    'query',
    'cookie',
    'userinfo',
    'basic_flag',
    'bearer_flag',
    'proxy',
    'body',
    'code',
    'env',
    'text',
  ]),
  /** Header, parameter, cookie or variable name. */
  name: z.string().optional(),
  exchange: z.string().optional(),
  /** Evidence pointer, e.g. `exchanges[0].request.headers.authorization`. */
  pointer: z.string(),
  line: z.number().int().optional(),
});
export type Occurrence = z.infer<typeof OccurrenceSchema>;

export const JwtInfoSchema = z.object({
  /** Decoded, never verified here. */
  header: z.record(z.string(), z.unknown()).optional(),
  claims: z.record(z.string(), z.unknown()).optional(),
  /** 3 for a JWS, 5 for a JWE. */
  parts: z.number().int(),
  signaturePresent: z.boolean(),
  /** Why it could not be decoded: `truncated`, `bad_base64`, `bad_json`, `wrong_part_count`, `encrypted`. */
  error: z.string().optional(),
});
export type JwtInfo = z.infer<typeof JwtInfoSchema>;

export const CredentialFormatSchema = z.object({
  /** Format id from the format table, e.g. `github.classic_pat`. */
  id: z.string(),
  provider: z.string(),
  /** Human name: "GitHub classic personal access token". */
  name: z.string(),
  environment: z.enum(['test', 'live', 'sandbox', 'production']).optional(),
  tokenType: z
    .enum([
      'api_key',
      'secret_key',
      'publishable_key',
      'restricted_key',
      'access_token',
      'refresh_token',
      'id_token',
      'bot_token',
      'user_token',
      'app_token',
      'personal_token',
      'client_secret',
      'webhook_secret',
      'password',
      'private_key',
      'key_id',
      'other',
    ])
    .optional(),
  /** Result of the format's own checksum, when it has one. */
  checksum: z.enum(['valid', 'invalid']).optional(),
  source: z.string().optional(),
});
export type CredentialFormat = z.infer<typeof CredentialFormatSchema>;

export const CredentialSchema = z.object({
  id: z.string(),
  /** Absent when nothing secret was sent: a placeholder, an empty value, a shell variable name. */
  secret: SecretSchema.optional(),
  /** What can be shown: the fingerprint, or the placeholder exactly as sent. */
  display: z.string(),
  length: z.number().int(),
  where: z.array(OccurrenceSchema),
  /** The scheme written before the value (`Bearer`, `token`, `Basic`, `Bot`, `SSWS`), as sent. */
  scheme: z.string().optional(),
  format: CredentialFormatSchema.optional(),
  /** A known prefix with the wrong shape (a `ghp_` token cut short): usually a copy error. */
  lookalike: CredentialFormatSchema.optional(),
  /**
   * `empty`, `null_like`, `object_string`, `template`, `shell_variable`, `command_substitution`,
   * `angle_brackets`, `square_brackets`, `masked`, `example_key`, `your_value`, `instruction`,
   * `name_not_value`, `placeholder_tail`.
   */
  placeholder: z.object({ reason: z.string(), text: z.string() }).optional(),
  origin: ValueOriginSchema.optional(),
  jwt: JwtInfoSchema.optional(),
  basic: z
    .object({
      username: z.string(),
      password: SecretSchema.optional(),
      passwordDisplay: z.string().optional(),
      hasColon: z.boolean(),
      /**
       * `empty`, `not_base64`, `not_encoded` (plain `user:pass`), `not_utf8`, `control_chars`,
       * `trailing_newline` (from `echo` without `-n`), `double_encoded`, `base64url`, `bad_padding`.
       */
      error: z.string().optional(),
    })
    .optional(),
  /**
   * Facts about how the value was written, for the format rules: `scheme_missing`, `scheme_colon`,
   * `scheme_repeated`, `quoted`, `inner_whitespace`, `edge_whitespace`, `newline`, `empty`, `non_ascii`,
   * `url_encoded`.
   */
  problems: z.array(z.string()),
});
export type Credential = z.infer<typeof CredentialSchema>;

export const ClientErrorSchema = z.object({
  client: z.string(),
  status: z.number().int().optional(),
  message: z.string(),
  url: z.string().optional(),
  method: z.string().optional(),
  code: z.string().optional(),
  line: z.number().int().optional(),
});
export type ClientError = z.infer<typeof ClientErrorSchema>;

export const EvidenceSchema = z.object({
  version: z.literal(1),
  kinds: z.array(KindSchema),
  exchanges: z.array(ExchangeSchema),
  credentials: z.array(CredentialSchema),
  clientErrors: z.array(ClientErrorSchema),
  /** Error bodies pasted on their own (those inside a response are on the response). */
  errorBodies: z.array(ErrorBodySchema),
  /** `WWW-Authenticate` challenges seen outside a parsed response. */
  challenges: z.array(ChallengeSchema),
  notes: z.array(NoteSchema),
  /**
   * The free text around what was parsed (the question, prose, lines no parser claimed), redacted and capped,
   * for rules that read what the user wrote ("I used the ID token", "echo ... | base64").
   */
  prose: z.array(z.object({ line: z.number().int(), text: z.string() })),
  /** How many distinct secret values were replaced by fingerprints. */
  redactions: z.number().int(),
  input: z.object({
    bytes: z.number().int(),
    lines: z.number().int(),
    truncated: z.boolean(),
  }),
});
export type Evidence = z.infer<typeof EvidenceSchema>;
