import type { ProviderPackInput } from '../schema.js';
import { airtable } from './airtable.js';
import { atlassian } from './atlassian.js';
import { auth0 } from './auth0.js';
import { cloudflare } from './cloudflare.js';
import { digitalocean } from './digitalocean.js';
import { dockerHub } from './docker-hub.js';
import { elasticsearch } from './elasticsearch.js';
import { grafana } from './grafana.js';
import { hubspot } from './hubspot.js';
import { keycloak } from './keycloak.js';
import { kubernetes } from './kubernetes.js';
import { mailchimp } from './mailchimp.js';
import { notion } from './notion.js';
import { npm } from './npm.js';
import { okta } from './okta.js';
import { salesforce } from './salesforce.js';
import { shopify } from './shopify.js';
import { spotify } from './spotify.js';
import { xTwitter } from './x-twitter.js';
import { zendesk } from './zendesk.js';

export const PACKS_B: readonly ProviderPackInput[] = [
  shopify,
  atlassian,
  okta,
  auth0,
  keycloak,
  salesforce,
  hubspot,
  mailchimp,
  zendesk,
  spotify,
  xTwitter,
  notion,
  airtable,
  cloudflare,
  digitalocean,
  dockerHub,
  npm,
  kubernetes,
  elasticsearch,
  grafana,
];
