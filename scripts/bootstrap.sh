#!/usr/bin/env bash
# Installs the system tools MedSummary uses when they are missing: Tesseract with French and English data
# (OCR of scanned pages), poppler-utils (page rendering for OCR, pdftotext for the ingestion benchmark) and
# Chromium (the report's headless-browser test: links, console errors, print to PDF).
# The llama.cpp native libraries are fetched by the build itself (src/MedSummary.LlamaCpp).
set -euo pipefail

need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
if command -v tesseract >/dev/null 2>&1; then
  langs=$(tesseract --list-langs 2>/dev/null || true)
  grep -qx fra <<<"$langs" || need+=(tesseract-ocr-fra)
  grep -qx eng <<<"$langs" || need+=(tesseract-ocr-eng)
else
  need+=(tesseract-ocr-fra tesseract-ocr-eng)
fi
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v chromium >/dev/null 2>&1 || need+=(chromium)

if ((${#need[@]} == 0)); then
  exit 0
fi

echo "bootstrap: installing ${need[*]}" >&2
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
    echo "bootstrap: need root (or sudo) to install ${need[*]}; install them and run again" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null || $sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
