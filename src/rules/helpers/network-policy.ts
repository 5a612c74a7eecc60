/**
 * Network conditions in access policies the user pasted: AWS resource and bucket policies with
 * `aws:SourceIp` / `NotIpAddress` / `aws:SourceVpc(e)`, Azure network rules (`networkAcls` with
 * `defaultAction: Deny`, `ipRules`, App Service `ipSecurityRestrictions`, Cosmos DB `ipRangeFilter`), Google
 * Cloud SQL `authorizedNetworks`. Such a policy next to a refusal explains the refusal by where the caller is.
 */
import type { DiagnosisContext } from '../../diagnose/context.js';
import type { TextView } from '../../diagnose/facts.js';
import { scanTexts } from './hosts.js';

export interface NetworkPolicy {
  view: TextView;
  index: number;
  /** The condition as written (`NotIpAddress aws:SourceIp`). */
  condition: string;
  /** The policy denies callers outside its networks (a Deny statement, or a default-deny network rule set). */
  denies: boolean;
  /** What the network is: addresses or a virtual network. */
  kind: 'ip' | 'vpc';
  /** Addresses or ranges the policy lists, when it lists any. */
  ranges: string[];
  provider: 'aws' | 'azure' | 'gcp';
}

const AWS_CONDITION =
  /"?(NotIpAddress|IpAddress|StringNotEquals(?:IfExists)?|StringEquals(?:IfExists)?)"?\s*:\s*\{\s*"?(aws:(?:SourceIp|SourceVpce?|VpcSourceIp))"?/i;
const AWS_KEY = /"?aws:(SourceIp|SourceVpce?|VpcSourceIp)"?\s*:/i;
const AWS_DENY = /"Effect"\s*:\s*"Deny"/i;
const AZURE_RULES =
  /"?(networkAcls|ipRules|virtualNetworkRules|ipSecurityRestrictions|ipRangeFilter|publicNetworkAccess)"?\s*:/i;
const AZURE_DENY =
  /"?defaultAction"?\s*:\s*"?Deny\b|"?publicNetworkAccess"?\s*:\s*"?Disabled\b|"?action"?\s*:\s*"?(?:Allow|Deny)\b/i;
const GCP_RULES = /"?(authorizedNetworks|ipConfiguration|accessLevels|ipSubnetworks)"?\s*:/i;
const RANGE = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?![\w.])|\bvpce?-[0-9a-f]{6,32}\b/gi;

/** The first network condition in a pasted policy, or undefined. */
export function networkPolicy(ctx: DiagnosisContext): NetworkPolicy | undefined {
  for (const view of scanTexts(ctx)) {
    const text = view.text;
    const aws = AWS_CONDITION.exec(text) ?? AWS_KEY.exec(text);
    if (aws) {
      const key = (aws[2] ?? `aws:${aws[1]}`).replace(/"/g, '');
      const operator = aws[2] ? aws[1]! : '';
      const statement = around(text, aws.index);
      // Deny unless in range, or allow only from range: either way callers elsewhere are refused.
      const negative = /^(?:NotIpAddress|StringNotEquals)/i.test(operator);
      return {
        view,
        index: aws.index,
        condition: operator ? `${operator} ${key}` : key,
        denies: AWS_DENY.test(statement) && (negative || operator === ''),
        kind: /SourceIp|VpcSourceIp/i.test(key) ? 'ip' : 'vpc',
        ranges: ranges(statement),
        provider: 'aws',
      };
    }
    const azure = AZURE_RULES.exec(text);
    if (azure) {
      const statement = around(text, azure.index);
      return {
        view,
        index: azure.index,
        condition: azure[1]!,
        denies: AZURE_DENY.test(statement),
        kind:
          /virtualNetwork/i.test(statement) && !/ipRules|ipSecurity|ipRange/i.test(statement) ? 'vpc' : 'ip',
        ranges: ranges(statement),
        provider: 'azure',
      };
    }
    const gcp = GCP_RULES.exec(text);
    if (gcp && /authorizedNetworks|ipSubnetworks/i.test(text)) {
      const statement = around(text, gcp.index);
      return {
        view,
        index: gcp.index,
        condition: gcp[1]!,
        denies: true,
        kind: 'ip',
        ranges: ranges(statement),
        provider: 'gcp',
      };
    }
  }
  return undefined;
}

/** The text around a condition: the policy statement it sits in, near enough. */
function around(text: string, index: number): string {
  return text.slice(Math.max(0, index - 600), index + 600);
}

function ranges(text: string): string[] {
  return [...new Set([...text.matchAll(RANGE)].map((m) => m[0]))].slice(0, 5);
}
