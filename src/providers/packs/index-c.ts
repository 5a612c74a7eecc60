/**
 * The third set of built-in provider packs: self-hosted developer infrastructure (secrets, CI, registries,
 * brokers, GraphQL and object storage servers) and SaaS APIs the holdout evaluations showed users asking about.
 */
import type { ProviderPackInput } from '../schema.js';
import { azureDevops } from './azure-devops.js';
import { bitbucketServer } from './bitbucket-server.js';
import { datadog } from './datadog.js';
import { deepl } from './deepl.js';
import { fastly } from './fastly.js';
import { harbor } from './harbor.js';
import { hashicorpVault } from './hashicorp-vault.js';
import { hasura } from './hasura.js';
import { heroku } from './heroku.js';
import { jenkins } from './jenkins.js';
import { jfrogArtifactory } from './jfrog-artifactory.js';
import { linearApp } from './linear-app.js';
import { maven } from './maven.js';
import { minio } from './minio.js';
import { netlify } from './netlify.js';
import { newRelic } from './new-relic.js';
import { openweathermap } from './openweathermap.js';
import { pagerduty } from './pagerduty.js';
import { rabbitmq } from './rabbitmq.js';
import { sentry } from './sentry.js';
import { sonatypeNexus } from './sonatype-nexus.js';
import { supabase } from './supabase.js';
import { vercel } from './vercel.js';

export const PACKS_C: readonly ProviderPackInput[] = [
  hashicorpVault,
  jenkins,
  harbor,
  jfrogArtifactory,
  sonatypeNexus,
  maven,
  azureDevops,
  bitbucketServer,
  deepl,
  openweathermap,
  heroku,
  rabbitmq,
  hasura,
  minio,
  supabase,
  sentry,
  pagerduty,
  datadog,
  newRelic,
  linearApp,
  vercel,
  netlify,
  fastly,
];
