#!/bin/sh
# Installs Debian's Chromium for the browser tests. Playwright drives it at /usr/bin/chromium;
# `playwright install` is never used (it downloads its own browser, which this network refuses).
set -eu
if command -v chromium >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
chromium --version
