#!/usr/bin/env bash
# README command 1: install what is missing, build, run the main job on Fashion-MNIST.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/install-deps.sh"
"$here/build.sh"
"$here/main-job.sh"
