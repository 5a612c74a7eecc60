/**
 * Built-in packs, first half. Order matters where packs share a credential format: the first pack that lists
 * a format owns it when no host says otherwise, so the general Google pack comes before Maps and Firebase.
 * API Gateway comes before AWS: its invoke hosts are more specific than `*.amazonaws.com`, and it lists no AWS
 * key formats, so AWS keeps owning them.
 */
import type { ProviderPackInput } from '../schema.js';
import { anthropic } from './anthropic.js';
import { aws } from './aws.js';
import { awsApiGateway } from './aws-api-gateway.js';
import { azureEntraGraph } from './azure-entra-graph.js';
import { azureOpenai } from './azure-openai.js';
import { bitbucket } from './bitbucket.js';
import { discord } from './discord.js';
import { firebase } from './firebase.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { googleCloud } from './google-cloud.js';
import { googleMaps } from './google-maps.js';
import { mailgun } from './mailgun.js';
import { openai } from './openai.js';
import { paypal } from './paypal.js';
import { sendgrid } from './sendgrid.js';
import { slack } from './slack.js';
import { square } from './square.js';
import { stripe } from './stripe.js';
import { twilio } from './twilio.js';

export const PACKS_A: readonly ProviderPackInput[] = [
  github,
  gitlab,
  bitbucket,
  stripe,
  paypal,
  square,
  openai,
  anthropic,
  googleCloud,
  googleMaps,
  firebase,
  awsApiGateway,
  aws,
  azureEntraGraph,
  azureOpenai,
  slack,
  discord,
  twilio,
  sendgrid,
  mailgun,
];
