/**
 * Tests of what ops deploy and read rather than of one Java class, so they mirror no package of {@code src/main}:
 * {@code deploy/} and the {@code k8s-cronjob.yaml} it renders ({@code K8sManifestTests}, with the alert rules and
 * their runbooks), the {@code deploy/rerun} script ({@code RerunScriptTests}), README's configuration table against
 * the configuration metadata ({@code ConfigurationTableTests}), and the contract between what every job pushes and
 * what the monitoring component's rules and dashboard query ({@code MetricsPushIntegrationTests}, on the real
 * Pushgateway that {@code RealPushgateway} starts and {@code PushgatewayIsolationTests} keeps honest).
 * <p>
 * A test of one class lives in that class's package (the process tests of {@code launch} are in {@code launch}).
 */
package com.numbering.operations;
