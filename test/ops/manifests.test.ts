/**
 * The deployment files agree with the image and with each other: ports, probe paths, commands, users. Docker
 * and a cluster are not available to tests, so this reads them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const K8S = path.join(ROOT, 'deploy/kubernetes');
const METRICS_PORT = 9464;
const HTTP_PORT = 3000;

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML walked by path; a wrong path fails an assertion.
type Doc = Record<string, any>;

function yamlDocs(file: string): Doc[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { merge: true });
  return docs.map((d) => {
    expect(d.errors, `${file}: ${d.errors.map((e) => e.message).join('; ')}`).toEqual([]);
    return d.toJS() as Doc;
  });
}

const files = readdirSync(K8S).filter((f) => /\.ya?ml$/.test(f));
const manifests = files.flatMap((file) => yamlDocs(path.join(K8S, file)).map((doc) => ({ file, doc })));
const byKind = (kind: string) => manifests.filter((m) => m.doc.kind === kind).map((m) => m.doc);
const deployment = (name: string) => {
  const found = byKind('Deployment').find((d) => d.metadata.name === name);
  if (!found) throw new Error(`no Deployment ${name}`);
  return found;
};

/** The Dockerfile's final stage, instruction by instruction (continuation lines joined). */
function dockerfile() {
  const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const lines = text.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
  const last =
    lines
      .map((l, i) => (/^FROM /i.test(l) ? i : -1))
      .filter((i) => i >= 0)
      .at(-1) ?? 0;
  return { all: lines, runtime: lines.slice(last) };
}

describe('Dockerfile', () => {
  const { all, runtime } = dockerfile();
  const find = (prefix: string) => runtime.filter((l) => l.startsWith(`${prefix} `));

  it('runs the CLI as the node user with serve by default, exposing 3000 and 9464', () => {
    expect(find('USER')).toEqual(['USER node']);
    expect(JSON.parse(find('ENTRYPOINT')[0]!.slice('ENTRYPOINT '.length))).toEqual([
      'node',
      'bin/authdoctor.js',
    ]);
    expect(JSON.parse(find('CMD')[0]!.slice('CMD '.length))).toEqual(['serve']);
    expect(find('EXPOSE')[0]!.split(/\s+/).slice(1).map(Number).sort()).toEqual([HTTP_PORT, METRICS_PORT]);
    const env = find('ENV').join(' ');
    expect(env).toContain(`METRICS_PORT=${METRICS_PORT}`);
    expect(env).toContain('NODE_ENV=production');
  });

  it('health-checks /healthz on the metrics port with node, not curl', () => {
    const check = find('HEALTHCHECK')[0] ?? '';
    expect(check).toContain('"node"');
    expect(check).toContain('/healthz');
    expect(check).toContain('METRICS_PORT||9464');
    expect(check).not.toMatch(/curl|wget/);
  });

  it('copies only paths that exist, and ships the build the CLI loads', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const line of all.filter((l) => l.startsWith('COPY ') && !l.includes('--from='))) {
      const parts = line.split(/\s+/).slice(1);
      for (const source of parts.slice(0, -1)) {
        expect(existsSync(path.join(ROOT, source)), source).toBe(true);
        expect(ignored, `${source} is in .dockerignore`).not.toContain(source);
      }
    }
    expect(all.join('\n')).toContain('npm run build');
    expect(runtime.join('\n')).toContain('COPY --from=build /app/dist ./dist');
    expect(runtime.join('\n')).toMatch(/npm ci --omit=dev|COPY --from=prod-deps/);
    // bin/authdoctor.js loads the compiled CLI from here; tsconfig.build.json compiles adapters/ into dist/.
    expect(readFileSync(path.join(ROOT, 'bin/authdoctor.js'), 'utf8')).toContain(
      '../dist/adapters/cli/main.js',
    );
    expect(JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')).include).toContain(
      'adapters',
    );
  });

  it('keeps .env and build output out of the context', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.env', 'node_modules', 'dist', '.git']) expect(ignored).toContain(entry);
  });
});

describe('deploy/kubernetes', () => {
  it('parses, and every resource is named and labelled', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const { file, doc } of manifests) {
      if (doc.kind === 'Kustomization') continue;
      expect(doc.apiVersion, file).toBeTruthy();
      expect(doc.metadata?.name, file).toMatch(/^authdoctor-/);
      expect(doc.metadata?.namespace, `${file} is namespace-free`).toBeUndefined();
    }
  });

  for (const [name, command, replicas] of [
    ['authdoctor-adapters', 'serve', 1],
    ['authdoctor-worker', 'worker', 2],
  ] as const) {
    it(`${name} runs \`${command}\` from the image, with probes on the metrics port, as non-root`, () => {
      const d = deployment(name);
      expect(d.spec.replicas).toBe(replicas);
      expect(d.spec.selector.matchLabels).toEqual(
        Object.fromEntries(
          Object.keys(d.spec.selector.matchLabels).map((k) => [k, d.spec.template.metadata.labels[k]]),
        ),
      );
      const pod = d.spec.template.spec;
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(60);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(pod.containers).toHaveLength(1);
      const [c] = pod.containers;
      expect(c.image).toBe('authdoctor');
      expect(c.command, 'keeps the image ENTRYPOINT').toBeUndefined();
      expect(c.args).toEqual([command]);
      expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
      expect(c.resources.requests.cpu).toBeTruthy();
      expect(c.resources.limits.memory).toBeTruthy();
      expect(c.envFrom).toEqual([
        { configMapRef: { name: 'authdoctor-config' } },
        { secretRef: { name: 'authdoctor-secrets' } },
      ]);

      const ports = new Map<string, number>(c.ports.map((p: Doc) => [p.name, p.containerPort]));
      expect(ports.get('metrics')).toBe(METRICS_PORT);
      const portOf = (probe: Doc) =>
        typeof probe.httpGet.port === 'number' ? probe.httpGet.port : ports.get(probe.httpGet.port);
      expect(c.livenessProbe.httpGet.path).toBe('/healthz');
      expect(portOf(c.livenessProbe)).toBe(METRICS_PORT);
      expect(c.readinessProbe.httpGet.path).toBe('/readyz');
      expect(portOf(c.readinessProbe)).toBe(METRICS_PORT);
      if (c.startupProbe) expect(portOf(c.startupProbe)).toBe(METRICS_PORT);
      expect(d.spec.template.metadata.annotations['prometheus.io/port']).toBe(String(METRICS_PORT));
    });
  }

  it('keeps the adapters to one gateway holder and the HTTP port on the adapters only', () => {
    const adapters = deployment('authdoctor-adapters');
    expect(adapters.spec.strategy.type).toBe('Recreate');
    expect(adapters.spec.template.spec.containers[0].ports.map((p: Doc) => p.containerPort)).toContain(
      HTTP_PORT,
    );
    const worker = deployment('authdoctor-worker');
    expect(worker.spec.template.spec.containers[0].ports.map((p: Doc) => p.containerPort)).toEqual([
      METRICS_PORT,
    ]);
  });

  it('scales the worker Deployment with an autoscaling/v2 HPA on CPU', () => {
    const [hpa, ...more] = byKind('HorizontalPodAutoscaler');
    expect(more).toEqual([]);
    expect(hpa!.apiVersion).toBe('autoscaling/v2');
    expect(hpa!.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'authdoctor-worker',
    });
    expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(1);
    expect(hpa!.spec.maxReplicas).toBeGreaterThan(hpa!.spec.minReplicas);
    expect(hpa!.spec.metrics.some((m: Doc) => m.type === 'Resource' && m.resource.name === 'cpu')).toBe(true);
    const text = readFileSync(path.join(K8S, 'worker-hpa.yaml'), 'utf8');
    expect(text).toContain('authdoctor_queue_jobs');
  });

  it('points the Service at the adapter pods and their named ports', () => {
    const [service] = byKind('Service');
    const adapters = deployment('authdoctor-adapters');
    const labels = adapters.spec.template.metadata.labels;
    for (const [k, v] of Object.entries(service!.spec.selector)) expect(labels[k]).toBe(v);
    const names = adapters.spec.template.spec.containers[0].ports.map((p: Doc) => p.name);
    for (const port of service!.spec.ports) expect(names).toContain(port.targetPort);
  });

  it('keeps secrets out of the ConfigMap, and the example Secret fake', () => {
    const [config] = byKind('ConfigMap');
    expect(config!.data.METRICS_PORT).toBe(String(METRICS_PORT));
    for (const key of Object.keys(config!.data)) expect(key).not.toMatch(/TOKEN|SECRET|PASSWORD|REDIS_URL/);
    const [secret] = byKind('Secret');
    expect(secret!.metadata.name).toBe('authdoctor-secrets');
    for (const [key, value] of Object.entries(secret!.stringData as Record<string, string>)) {
      if (value) expect(value, key).toMatch(/REPLACE|^0+$/);
    }
  });

  it('the kustomization lists every manifest except the example Secret, and names the image', () => {
    const [k] = manifests.filter((m) => m.doc.kind === 'Kustomization').map((m) => m.doc);
    const listed: string[] = k!.resources;
    for (const file of listed) expect(existsSync(path.join(K8S, file)), file).toBe(true);
    const expected = files.filter((f) => f !== 'kustomization.yaml' && f !== 'secret.example.yaml').sort();
    expect([...listed].sort()).toEqual(expected);
    expect(k!.images.map((i: Doc) => i.name)).toEqual(['authdoctor']);
  });
});

describe('docker-compose.yml', () => {
  const [compose] = yamlDocs(path.join(ROOT, 'docker-compose.yml'));
  const services = compose!.services;

  it('runs Redis with the append-only file on a volume, health-checked', () => {
    expect(services.redis.image).toMatch(/^redis:7/);
    expect(services.redis.command.join(' ')).toContain('--appendonly yes');
    expect(services.redis.volumes[0]).toMatch(/:\/data$/);
    expect(services.redis.healthcheck.test).toContain('ping');
  });

  it('runs serve with both ports and two workers without host ports, on the same image', () => {
    expect(services.bot.command).toEqual(['serve']);
    expect(services.bot.ports.map((p: string) => p.split(':')[1])).toEqual([
      String(HTTP_PORT),
      String(METRICS_PORT),
    ]);
    expect(services.worker.command).toEqual(['worker']);
    expect(services.worker.deploy.replicas).toBe(2);
    expect(services.worker.ports).toBeUndefined();
    expect(services.worker.image).toBe(services.bot.image);
    for (const name of ['bot', 'worker']) {
      expect(services[name].env_file).toBe('.env');
      expect(services[name].environment.REDIS_URL).toBe('redis://redis:6379');
      expect(services[name].environment.METRICS_PORT).toBe(String(METRICS_PORT));
      expect(services[name].depends_on.redis.condition).toBe('service_healthy');
    }
  });
});
