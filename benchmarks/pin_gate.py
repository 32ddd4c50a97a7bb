"""Pin the quality gate's floors: measured score minus a margin, rounded down.

python -m benchmarks.pin_gate 0.03
"""

from __future__ import annotations

import json
import math
import sys

from benchmarks import gate


def main() -> None:
    margin = float(sys.argv[1]) if len(sys.argv) > 1 else 0.03
    scores = gate.run()
    floors = {
        area: {m: math.floor(max(0.0, v - margin) * 100) / 100 for m, v in metrics.items()}
        for area, metrics in scores.items()
    }
    pinned = {"gold_sha256": gate.digest(), "measured": scores, "margin": margin, "floors": floors}
    gate.BASELINE.write_text(json.dumps(pinned, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(floors))


if __name__ == "__main__":
    main()
