#!/usr/bin/env python3
"""Prints the shipped configuration (config/policy.json) with its daemon section replaced: the
configuration a benchmark runs fastoomd with. Run it from the package root.

Usage: daemon-config.py DAEMON_SECTION_JSON > config.json
e.g.   daemon-config.py '{"min_interval_ms": 1000, "max_interval_ms": 1000}'
"""
import json
import sys

if len(sys.argv) != 2:
    sys.exit(__doc__.strip())
with open("config/policy.json", encoding="utf-8") as shipped:
    configuration = json.load(shipped)
configuration["daemon"] = json.loads(sys.argv[1])
print(json.dumps(configuration, indent=2))
