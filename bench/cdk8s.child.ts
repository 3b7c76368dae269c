/**
 * The peer of `reliability plan` in `npm run bench`: cdk8s-plus synthesizing the workload objects
 * the plan writes for each generated checkout copy and region (a Deployment with startup, liveness
 * and readiness probes, its Service, a PodDisruptionBudget and a HorizontalPodAutoscaler), one chart
 * per service and region, written as YAML files to the output folder.
 * Usage: `tsx bench/cdk8s.child.ts <services> <outdir> <region>...`
 */

import { App, Chart, Duration, Size, YamlOutputType } from "cdk8s";
import * as kplus from "cdk8s-plus-34";

const PORT = 8080;
const LABEL = "app.kubernetes.io/name";

/** The checkout example's workload, as cdk8s-plus builds it. */
function workload(chart: Chart, name: string): void {
  const probe = (path: string, failureThreshold: number) =>
    kplus.Probe.fromHttpGet(path, { port: PORT, periodSeconds: Duration.seconds(5), failureThreshold });
  const deployment = new kplus.Deployment(chart, "deployment", {
    metadata: { name, labels: { [LABEL]: name } },
    podMetadata: { labels: { [LABEL]: name } },
    terminationGracePeriod: Duration.seconds(50),
    containers: [
      {
        name,
        image: `ghcr.io/acme/${name}:1.8.2`,
        portNumber: PORT,
        envVariables: { LOG_LEVEL: kplus.EnvValue.fromValue("info") },
        resources: {
          cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) },
        },
        startup: probe("/healthz", 18),
        liveness: probe("/healthz", 3),
        readiness: probe("/ready", 3),
      },
    ],
  });
  deployment.exposeViaService({ name, ports: [{ port: 80, targetPort: PORT }] });
  new kplus.HorizontalPodAutoscaler(chart, "hpa", {
    target: deployment,
    minReplicas: 3,
    maxReplicas: 9,
    metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70))],
  });
  new kplus.k8s.KubePodDisruptionBudget(chart, "pdb", {
    metadata: { name },
    spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: { [LABEL]: name } } },
  });
}

const [count, outdir, ...regions] = process.argv.slice(2);
const app = new App({ outdir: outdir ?? "dist", yamlOutputType: YamlOutputType.FILE_PER_CHART });
for (let i = 1; i <= Number(count); i++) {
  for (const region of regions)
    workload(new Chart(app, `checkout${i}-${region}`, { namespace: "payments" }), `checkout${i}`);
}
app.synth();
