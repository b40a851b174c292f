# karta — two commands set everything up on a fresh Debian machine with Swift:
#   make run    install missing system packages, build, run the national pipeline on fixtures/
#   make test   install missing system packages, build, run every test
SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libcsv-dev libxml2-dev libssl-dev pkg-config sqlite3 libsqlite3-dev time python3-venv python3-jsonschema lld chromium poppler-utils postgresql
PIPELINE ?= pipelines/national-map.yml
PREFIX ?= /usr/local
SECONDS ?= 60
export DEBIAN_FRONTEND := noninteractive

.PHONY: deps build install run test bench fuzz screenshot clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@/usr/bin/python3 -c "import jsonschema" || { echo "Debian's python3 has no jsonschema: apt-get install python3-jsonschema"; exit 1; }

build: deps
	$(SWIFT) build -c release --product karta

# A self-contained binary (the Swift runtime and Foundation linked in), so a cron host needs no
# toolchain: only the C libraries libcsv, libxml2, libsqlite3 and libcrypto (see docs/cron.md).
install: deps
	$(SWIFT) build -c release --product karta --static-swift-stdlib --scratch-path .build-static
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 .build-static/release/karta $(DESTDIR)$(PREFIX)/bin/karta
	@echo "installed $(DESTDIR)$(PREFIX)/bin/karta"

run: build
	@if [ -f $(PIPELINE) ]; then \
	  .build/release/karta run $(PIPELINE); \
	else \
	  .build/release/karta --version && .build/release/karta reference; \
	fi

test: deps
	$(SWIFT) build --build-tests
	fuzz/smoke.sh
	KARTA_TEST_REQUIRE_POSTGRES=1 scripts/with-postgres.sh $(SWIFT) test --skip-build

bench: deps
	@if [ -x bench/run.sh ]; then bench/run.sh; else echo "no benchmarks yet"; fi

fuzz: deps
	@if [ -x fuzz/run.sh ]; then fuzz/run.sh $(SECONDS); else echo "no fuzzers yet"; fi

# The HTML report of a synthetic national store, through headless Chromium, into docs/report.png;
# and the report of `make run`'s fixtures (most areas „няма данни") into docs/report-fixtures.png.
screenshot: deps
	$(SWIFT) build --product karta && $(SWIFT) build --product karta-bench
	rm -rf /tmp/karta-shot /tmp/karta-shot.sqlite*
	.build/debug/karta-bench fill-store /tmp/karta-shot.sqlite 20000 7
	.build/debug/karta export --format html --store /tmp/karta-shot.sqlite --out /tmp/karta-shot
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2000 \
	  --screenshot=docs/report.png file:///tmp/karta-shot/report.html
	.build/debug/karta run $(PIPELINE) --quiet; test $$? -le 1
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2400 \
	  --screenshot=docs/report-fixtures.png file://$(CURDIR)/out/report.html
	rm -rf /tmp/karta-plan && mkdir -p /tmp/karta-plan
	.build/debug/karta ingest fixtures/plans/*.csv fixtures/district-scope/*.csv --kind municipal-register \
	  --store /tmp/karta-plan/k.sqlite
	.build/debug/karta ingest fixtures/adopted-map/*.csv --kind adopted-map --store /tmp/karta-plan/k.sqlite
	.build/debug/karta plan SZR31 --year 2026 --format pdf --store /tmp/karta-plan/k.sqlite --out /tmp/karta-plan
	pdftoppm -r 80 -png -f 1 -l 1 -singlefile /tmp/karta-plan/SZR31.pdf docs/plan

clean:
	rm -rf .build .build-* out
