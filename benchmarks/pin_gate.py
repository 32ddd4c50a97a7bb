"""Pin the quality gate's floors: measured score minus a margin, rounded down (python -m benchmarks.pin_gate 0.03)."""

import json
import math
import sys

from benchmarks import gate

margin = float(sys.argv[1]) if len(sys.argv) > 1 else 0.03
s = gate.run()
floors = {area: {m: math.floor(max(0.0, v - margin) * 100) / 100 for m, v in ms.items()} for area, ms in s.items()}
gate.BASELINE.write_text(
    json.dumps({"gold_sha256": gate.digest(), "measured": s, "margin": margin, "floors": floors}, indent=2) + "\n"
)
print(json.dumps(floors))
