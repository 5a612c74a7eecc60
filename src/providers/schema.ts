/**
 * A provider pack: what authdoctor knows about one API's authentication, as data. Built-in packs
 * (`src/providers/packs/`) and user packs (YAML or JSON files in `AUTHDOCTOR_PACKS`) share this one schema,
 * so a team describing its own API gets exactly the checks the built-in providers get.
 *
 * Patterns are written as strings (regular-expression source, matched case-insensitively) so a pack is plain
 * data; parsing compiles them once and rejects any that do not compile or could backtrack badly.
 */
import { z } from 'zod';
import { CauseSchema, SeveritySchema } from '../diagnose/taxonomy.js';
import { CredentialFormatSchema } from '../intake/evidence.js';

/** Nested quantifiers (`(a+)+`, `(a*)*`, `(a|a)*`-style) are how a regex goes exponential; packs may not use them. */
const NESTED_QUANTIFIER = /\((?:[^()\\+*}]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/;

export const PatternSchema = z
  .string()
  .min(1)
  .transform((source, ctx) => {
    if (NESTED_QUANTIFIER.test(source)) {
      ctx.addIssue({
        code: 'custom',
        message: `pattern ${JSON.stringify(source)} nests quantifiers (could backtrack badly)`,
      });
      return z.NEVER;
    }
    try {
      return new RegExp(source, 'i');
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `pattern ${JSON.stringify(source)} is not a valid regular expression: ${(error as Error).message}`,
      });
      return z.NEVER;
    }
  });

export const EnvironmentSchema = z.enum(['production', 'sandbox', 'staging', 'test', 'development']);
export type Environment = z.infer<typeof EnvironmentSchema>;

export const HostSchema = z.object({
  /** A hostname (`api.github.com`) or a wildcard for one or more labels (`*.googleapis.com`), lowercase. */
  host: z
    .string()
    .regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a lowercase hostname, optionally starting with "*."'),
  environment: EnvironmentSchema.default('production'),
  /** The API's base path on that host (`/v1`, `/api/v4`), when it has one. */
  basePath: z.string().startsWith('/').optional(),
  region: z.string().optional(),
  note: z.string().optional(),
});
export type Host = z.infer<typeof HostSchema>;

export const AuthMethodSchema = z.object({
  /** Where the credential goes. `basic` is HTTP Basic in the Authorization header. */
  in: z.enum(['header', 'query', 'basic', 'cookie', 'body']),
  /** Header, query parameter, cookie or body field name; for `header` the default is `Authorization`. */
  name: z.string().optional(),
  /** The scheme word before the credential in the header (`Bearer`, `token`, `Bot`, `SSWS`). */
  scheme: z.string().optional(),
  /** What goes there, in words: "a secret key (sk_live_… or sk_test_…)". */
  credential: z.string(),
  /** For `basic`: what the username and password are ("email:api_token", "api key as username, empty password"). */
  basicShape: z.string().optional(),
  /** Credential format ids (from the intake format table or this pack's `credentialFormats`) used here. */
  formats: z.array(z.string()).default([]),
  status: z.enum(['preferred', 'accepted', 'deprecated', 'rejected']).default('accepted'),
  note: z.string().optional(),
});
export type AuthMethod = z.infer<typeof AuthMethodSchema>;

/** A credential shape of a user pack's own API (built-in providers' shapes live in the intake format table). */
export const PackCredentialFormatSchema = z.object({
  /** `<pack id>.<kind>`. */
  id: z.string().regex(/^[a-z0-9-]+\.[a-z0-9_]+$/, 'an id like "acme.live_key"'),
  name: z.string(),
  /** Whole-value pattern. */
  pattern: PatternSchema,
  /** The literal prefix that may be shown in fingerprints (`acme_live_`). */
  prefix: z.string().optional(),
  tokenType: CredentialFormatSchema.shape.tokenType.unwrap().optional(),
  environment: CredentialFormatSchema.shape.environment.unwrap().optional(),
});
export type PackCredentialFormat = z.infer<typeof PackCredentialFormatSchema>;

/** A recognisable error the provider returns, and what it means. */
export const ErrorSignatureSchema = z.object({
  /** Stable within the pack: `bad-credentials`. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** When this happens, in words. */
  situation: z.string(),
  /** Matched against error bodies, client error messages, response bodies and `WWW-Authenticate`. */
  match: PatternSchema,
  /** HTTP statuses this answer comes with (any when absent; Slack answers 200). */
  status: z.array(z.number().int()).optional(),
  cause: CauseSchema,
  severity: SeveritySchema.default('error'),
  confidence: z.number().min(0).max(1).default(0.9),
  /** What the message means, for the finding's detail. */
  explain: z.string(),
  fix: z.array(z.string()).min(1),
  docs: z.array(z.url()).default([]),
});
export type ErrorSignature = z.infer<typeof ErrorSignatureSchema>;

export const TokenLifetimeSchema = z.object({
  token: z.string(),
  /** When fixed and known. */
  seconds: z.number().int().positive().optional(),
  text: z.string(),
});

export const ScopeRequirementSchema = z.object({
  method: z.string().optional(),
  /** Path pattern (regex source, matched against the request path). */
  path: PatternSchema,
  /** Any one of these is enough. */
  scopes: z.array(z.string()).min(1),
});
export type ScopeRequirement = z.infer<typeof ScopeRequirementSchema>;

/** An endpoint that moved or was shut down. */
export const EndpointNoticeSchema = z.object({
  path: PatternSchema,
  host: z.string().optional(),
  status: z.enum(['deprecated', 'removed']),
  message: z.string(),
  cause: CauseSchema.default('wrong_url_or_endpoint'),
  fix: z.array(z.string()).min(1),
  docs: z.array(z.url()).default([]),
});

export const DocLinkSchema = z.object({ title: z.string(), url: z.url() });

/** Where the provider's users revoke and re-issue a credential, for the advice given when one leaks. */
export const RotationSchema = z.object({
  /** The page where credentials are listed, revoked and created (or the docs page that says how). */
  url: z.url(),
  /** What to do there, in order: short, plain sentences with `inline code` only. */
  steps: z.array(z.string().min(1)).min(1),
});
export type Rotation = z.infer<typeof RotationSchema>;

export const ProviderPackSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes'),
  name: z.string().min(1),
  /** Empty for self-hosted software (Kubernetes, Elasticsearch), which is recognised by other signals. */
  hosts: z.array(HostSchema).default([]),
  auth: z.array(AuthMethodSchema).min(1),
  /** Header names that only this API uses (`Stripe-Version`, `Notion-Version`, `x-goog-api-key`), lowercase. */
  headerNames: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
  /** JWT `iss` values this provider's tokens carry (patterns). */
  issuers: z.array(z.object({ match: PatternSchema, environment: EnvironmentSchema.optional() })).default([]),
  credentialFormats: z.array(PackCredentialFormatSchema).default([]),
  errors: z.array(ErrorSignatureSchema).default([]),
  tokenLifetimes: z.array(TokenLifetimeSchema).default([]),
  scopes: z.array(ScopeRequirementSchema).default([]),
  endpoints: z.array(EndpointNoticeSchema).default([]),
  /** Plain http is refused or redirected (which drops the credential). */
  requiresHttps: z.boolean().default(true),
  /** The first link is the provider's authentication reference. */
  docs: z.array(DocLinkSchema).min(1),
  pitfalls: z.array(z.string()).default([]),
  rotate: RotationSchema.optional(),
});
export type ProviderPack = z.infer<typeof ProviderPackSchema>;
/** What a pack file contains (patterns as strings, defaults optional). */
export type ProviderPackInput = z.input<typeof ProviderPackSchema>;
