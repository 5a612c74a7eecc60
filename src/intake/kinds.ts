import { z } from 'zod';

/** What a paste can hold. A paste often holds several: a curl command, its `-v` output and a JSON body. */
export const KINDS = [
  'curl',
  'curl_trace',
  'http_request',
  'http_response',
  'har',
  'httpie',
  'powershell',
  'code',
  'env',
  'error_log',
  'json_body',
  'www_authenticate',
  'text',
] as const;
export const KindSchema = z.enum(KINDS);
export type Kind = z.infer<typeof KindSchema>;
