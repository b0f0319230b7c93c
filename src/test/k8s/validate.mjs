// Validates a rendering of deploy/ (an overlay, through the pinned kubectl's kustomize) offline: every object against
// the Kubernetes schemas (kubernetes-models), then the settings ops rely on in each CronJob, the PrometheusRule and
// the dashboard, and what ties them together (namespace, the generated ConfigMap's name, the Secret's). Run by
// K8sManifestTests for every deploy/overlays/*:
//   node src/test/k8s/validate.mjs target/k8s/example.yaml      (after src/test/tools/test-tools.sh)
// Prints one line per problem and exits 1 if there is any.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";

const MODELS = { "v1/ConfigMap": ConfigMap, "batch/v1/CronJob": CronJob,
  "monitoring.coreos.com/v1/PrometheusRule": PrometheusRule };
const STOPPED = 75; // ExitCodes.STOPPED
const CONFIGURATION = 78; // ExitCodes.CONFIGURATION
const problems = [];
const fail = (where, what) => problems.push(`${where}: ${what}`);

const docs = parseAllDocuments(readFileSync(process.argv[2], "utf8")).map((d) => d.toJS()).filter(Boolean);
for (const doc of docs) {
  const where = `${doc.kind} ${doc.metadata?.name}`;
  const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) { fail(where, `no schema for ${doc.apiVersion} ${doc.kind}`); continue; }
  try { new Model(doc).validate(); } catch (e) { fail(where, `schema: ${e.message}`); }
}

const cronJobs = docs.filter((d) => d.kind === "CronJob");
if (cronJobs.length !== 4) fail("file", `expected 4 CronJobs, found ${cronJobs.length}`);
const periods = {};
for (const cj of cronJobs) checkCronJob(cj);
checkSchedulesApart();
checkRules(docs.filter((d) => d.kind === "PrometheusRule"));
checkDashboard(docs.filter((d) => d.kind === "ConfigMap" && d.metadata?.labels?.grafana_dashboard === "1"));
// configMapGenerator names it numbering-config-<hash of its content>; kustomize writes that name into the CronJobs.
const config = docs.find((d) => d.kind === "ConfigMap" && /^numbering-config(-[a-z0-9]+)?$/.test(d.metadata?.name ?? ""));
if (!config) fail("numbering-config", "missing");
if (config && config.data?.LOGGING_STRUCTURED_FORMAT_CONSOLE === undefined) fail("numbering-config", "no JSON logs (LOGGING_STRUCTURED_FORMAT_CONSOLE)");
checkWiring();

// One namespace for everything (an overlay's), the name label on every object, and the references between them.
function checkWiring() {
  const namespaces = new Set(docs.map((d) => d.metadata?.namespace));
  if (namespaces.size !== 1 || namespaces.has(undefined)) fail("namespace", `every object in one namespace, found ${[...namespaces].join(", ")}`);
  for (const d of docs) {
    if (d.metadata?.labels?.["app.kubernetes.io/name"] !== "numbering") fail(`${d.kind} ${d.metadata?.name}`, "label app.kubernetes.io/name: numbering missing");
    // The operator creates the credentials (deploy/base/kustomization.yaml); a rendering never carries a Secret.
    if (d.kind === "Secret") fail(`Secret ${d.metadata?.name}`, "secret values must never be in the manifests");
  }
  for (const cj of cronJobs) {
    const c = (cj.spec.jobTemplate?.spec?.template?.spec?.containers ?? [])[0] ?? {};
    const refs = c.envFrom ?? [];
    const maps = refs.filter((e) => e.configMapRef).map((e) => e.configMapRef.name);
    if (maps.length !== 1 || maps[0] !== config?.metadata?.name) fail(`CronJob ${cj.metadata.name}`, `configMapRef ${maps} is not the rendered ConfigMap ${config?.metadata?.name}`);
    if (!refs.some((e) => e.secretRef?.name === "numbering-secrets")) fail(`CronJob ${cj.metadata.name}`, "secretRef numbering-secrets missing");
    if (cj.spec.jobTemplate?.spec?.template?.metadata?.labels?.["app.kubernetes.io/name"] !== "numbering") fail(`CronJob ${cj.metadata.name}`, "pods without label app.kubernetes.io/name: numbering");
  }
}

function checkCronJob(cj) {
  const where = `CronJob ${cj.metadata.name}`;
  const need = (ok, what) => { if (!ok) fail(where, what); };
  const s = cj.spec, job = s.jobTemplate?.spec ?? {}, pod = job.template?.spec ?? {};
  need(s.concurrencyPolicy === "Forbid", "concurrencyPolicy must be Forbid");
  need(!!s.timeZone, "timeZone missing");
  need(s.startingDeadlineSeconds > 0, "startingDeadlineSeconds missing");
  need(s.successfulJobsHistoryLimit !== undefined && s.failedJobsHistoryLimit !== undefined, "history limits missing");
  need(job.ttlSecondsAfterFinished > 0, "ttlSecondsAfterFinished missing");
  need(job.backoffLimit === 0, `backoffLimit ${job.backoffLimit}: its comment promises no pod retries (0)`);
  const period = periodSeconds(s.schedule);
  periods[cj.metadata.name] = { schedule: s.schedule, period };
  if (period === undefined) fail(where, `schedule "${s.schedule}" not understood by this check`);
  need(job.activeDeadlineSeconds > 0 && job.activeDeadlineSeconds < period,
    `activeDeadlineSeconds ${job.activeDeadlineSeconds} must be shorter than the period ${period}`);
  need(pod.terminationGracePeriodSeconds >= 10 && job.activeDeadlineSeconds + pod.terminationGracePeriodSeconds < period,
    `terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds}: at least 10 s (one unit of work), and the deadline plus it under the period`);
  const rules = job.podFailurePolicy?.rules ?? [];
  const onCode = (code) => rules.find((r) => r.onExitCodes?.operator === "In" && r.onExitCodes.values.includes(code));
  need(onCode(CONFIGURATION)?.action === "FailJob", "podFailurePolicy: exit 78 (configuration) must FailJob");
  need(onCode(STOPPED) !== undefined, "podFailurePolicy: exit 75 (stopped on SIGTERM) not handled");
  need(onCode(143) !== undefined, "podFailurePolicy: exit 143 (SIGTERM during start-up) not handled");
  const disruption = rules.findIndex((r) => r.onPodConditions?.some((c) => c.type === "DisruptionTarget"));
  need(disruption === 0 && rules[0].action === "Ignore", "podFailurePolicy: DisruptionTarget must come first, Ignore");
  need(pod.restartPolicy === "Never", "restartPolicy must be Never");
  need(pod.automountServiceAccountToken === false, "automountServiceAccountToken must be false");
  need(pod.securityContext?.runAsNonRoot === true && pod.securityContext?.seccompProfile?.type === "RuntimeDefault",
    "pod securityContext must be restricted (runAsNonRoot, seccomp RuntimeDefault)");
  const c = (pod.containers ?? []).find((x) => x.name === "numbering");
  if (!c) { fail(where, "no container named numbering"); return; }
  const sc = c.securityContext ?? {};
  need(sc.allowPrivilegeEscalation === false && sc.readOnlyRootFilesystem === true
    && (sc.capabilities?.drop ?? []).includes("ALL"), "container securityContext must be restricted");
  need((c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp")
    && (pod.volumes ?? []).some((v) => v.emptyDir), "a writable /tmp (emptyDir) is needed with a read-only root");
  need((c.envFrom ?? []).some((e) => e.secretRef) && (c.envFrom ?? []).some((e) => e.configMapRef),
    "secrets from a Secret and settings from the ConfigMap");
  need((c.env ?? []).some((e) => e.name === "SPRING_BATCH_JOB_NAME"), "SPRING_BATCH_JOB_NAME missing");
  need(!!c.resources?.requests?.cpu && !!c.resources?.requests?.memory && !!c.resources?.limits?.memory,
    "requests (cpu, memory) and a memory limit");
}

// Schedules of the forms used here: "* * * * *", "M H * * *", "M * * * *", "*/N * * * *", "A-B/N * * * *".
function periodSeconds(schedule) {
  const [m, h, ...rest] = schedule.split(/\s+/);
  if (rest.join(" ") !== "* * *") return undefined;
  const step = m.match(/^(\*|\d+-\d+)\/(\d+)$/);
  if (h === "*" && m === "*") return 60;
  if (h === "*" && step) return Number(step[2]) * 60;
  if (h === "*" && /^\d+$/.test(m)) return 3600;
  if (/^\d+$/.test(h) && /^\d+$/.test(m)) return 86400;
  return undefined;
}

function startMinutes(schedule) {
  const [m, h] = schedule.split(/\s+/);
  const hours = h === "*" ? [...Array(24).keys()] : [Number(h)];
  const step = m.match(/^(\*|(\d+)-(\d+))\/(\d+)$/);
  const minutes = step ? [...Array(60).keys()].filter((x) => x >= Number(step[2] ?? 0) && x <= Number(step[3] ?? 59)
    && (x - Number(step[2] ?? 0)) % Number(step[4]) === 0) : [Number(m)];
  return new Set(hours.flatMap((hh) => minutes.map((mm) => hh * 60 + mm)));
}

// The jobs that spend the account's Telnyx request budget in bulk never start in the same minute; the alert
// dispatcher (every minute, a few paced requests) is the one exception.
function checkSchedulesApart() {
  const names = Object.keys(periods).filter((n) => periods[n].period !== undefined && n !== "numbering-dispatch-alerts");
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = startMinutes(periods[names[i]].schedule), b = startMinutes(periods[names[j]].schedule);
      const both = [...a].filter((x) => b.has(x));
      if (both.length) fail("schedules", `${names[i]} and ${names[j]} both start at minute ${both[0] % 60} of hour ${Math.floor(both[0] / 60)}`);
    }
  }
}

function checkRules(rules) {
  if (rules.length !== 1) { fail("PrometheusRule", `expected 1, found ${rules.length}`); return; }
  const alerts = rules[0].spec.groups.flatMap((g) => g.rules).filter((r) => r.alert);
  const expected = ["NumberingJobNotSucceeding", "NumberingJobFailed", "NumberingJobNotReporting",
    "NumberingTenantsFailingProvisioning", "NumberingUnownedNumbers", "NumberingDuplicateNumbers",
    "NumberingAlertOutboxStuck", "NumberingSegmentBudgetAbove80Percent", "NumberingCampaignNotAssigned",
    "NumberingTelnyxRateLimited"];
  for (const name of expected) if (!alerts.some((a) => a.alert === name)) fail("PrometheusRule", `alert ${name} missing`);
  for (const a of alerts) {
    if (!a.annotations?.summary) fail("PrometheusRule", `${a.alert}: summary missing`);
    // kube-prometheus's severities: critical pages, warning waits for working hours, info is context.
    if (!["critical", "warning", "info"].includes(a.labels?.severity)) fail("PrometheusRule", `${a.alert}: severity ${a.labels?.severity} is not critical, warning or info`);
    // The overlay replaces the component's RUNBOOKS placeholder with where its runbooks are read.
    if (!/^https:\/\/\S+$/.test(a.annotations?.runbook_url ?? "") || !a.annotations.runbook_url.endsWith(`/${a.alert}.md`)) {
      fail("PrometheusRule", `${a.alert}: runbook_url ${a.annotations?.runbook_url} is not https://…/${a.alert}.md`);
    }
  }
  // A run that dies before it pushes leaves no series for NumberingJobNotSucceeding to read: every CronJob's job has
  // an absent-series guard.
  for (const cj of cronJobs) {
    const job = (cj.spec.jobTemplate?.spec?.template?.spec?.containers?.[0]?.env ?? []).find((e) => e.name === "SPRING_BATCH_JOB_NAME")?.value;
    const guard = alerts.find((a) => a.alert === "NumberingJobNotReporting" && /\babsent(_over_time)?\(/.test(a.expr)
      && a.expr.includes(`batch_job="${job}"`) && a.for);
    if (!guard) fail("PrometheusRule", `no NumberingJobNotReporting (absent series, with a for:) for ${job}`);
  }
}

function checkDashboard(maps) {
  if (maps.length !== 1) { fail("dashboard", `expected one ConfigMap labelled grafana_dashboard: "1", found ${maps.length}`); return; }
  const files = Object.entries(maps[0].data ?? {});
  if (files.length !== 1 || !files[0][0].endsWith(".json")) { fail("dashboard", "one *.json entry expected"); return; }
  let dash;
  try { dash = JSON.parse(files[0][1]); } catch (e) { fail("dashboard", `not JSON: ${e.message}`); return; }
  const exprs = (dash.panels ?? []).flatMap((p) => (p.targets ?? []).map((t) => t.expr)).join("\n");
  for (const metric of ["numbering_job_last_success_timestamp_seconds", "numbering_tenants", "numbering_provisioning_tenants_total",
    "numbering_telnyx_requests_total", "numbering_telnyx_request_seconds_count", "numbering_alerts_outbox",
    "numbering_alerts_oldest_due_age_seconds", "numbering_alerts_dispatched_total", "numbering_alerts_delivery_total",
    "numbering_alerts_delivery_failed_total", "numbering_alerts_undelivered_oldest_age_seconds",
    "numbering_sms_segments_used_today", "numbering_sms_segments_budget", "numbering_reconciliation_last_findings",
    "numbering_numbers_owned"]) {
    if (!new RegExp(`\\b${metric}\\b`).test(exprs)) fail("dashboard", `no panel queries ${metric}`);
  }
}

for (const p of problems) console.log(p);
console.log(problems.length ? `${problems.length} problems` : `${docs.length} objects valid`);
process.exit(problems.length ? 1 : 0);
