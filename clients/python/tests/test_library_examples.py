"""The pymoo and Optuna examples as processes, against a simulated two-objective table:
each spends exactly its budget, and the same seed gives the same queries. Skipped (with the
reason) only when the library is not installed.

    python3 -m unittest discover -s clients/python/tests -p 'test_library_examples.py'
"""

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "..", "examples", "algorithms")
BUDGET = 60


def start(seed):
    return {
        "type": "start", "protocol": 1, "algorithm": "lib", "trial": 0, "seed": seed,
        "budget": {"evaluations": BUDGET},
        "objectives": [{"metric": "c10_valid_200ep", "direction": "max"},
                       {"metric": "lat_ms_raspi4", "direction": "min"}],
        "space": {"name": "nats-topology", "genes": 6, "bounds": [[0, 4]] * 6, "encodings": ["genes", "archs"],
                  "architecture_example": "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"},
        "params": {"population": 10},
    }


def table(genes):
    """A fixed stand-in for a row: two objectives that depend on the genes only."""
    digest = hashlib.sha256(json.dumps(genes).encode()).digest()
    return [50.0 + digest[0] / 6.0, 1.0 + sum(genes) + digest[1] / 64.0]


def replay(name, seed):
    """Runs an example for one trial; returns every gene vector it asked for, in order."""
    child = subprocess.Popen([sys.executable, os.path.join(EXAMPLES, name)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    child.stdin.write(json.dumps(start(seed)) + "\n")
    child.stdin.flush()
    asked, left = [], BUDGET
    while True:
        line = child.stdout.readline()
        if not line:
            raise AssertionError("%s exited without finish: %s" % (name, child.stderr.read()))
        message = json.loads(line)
        if message["type"] == "finish":
            break
        batch = message["genes"]
        if len(batch) > left:
            raise AssertionError("%s asked for %d with %d left" % (name, len(batch), left))
        left -= len(batch)
        asked += batch
        items = [{"arch": str(g), "objectives": table(g), "cost": 0, "exact": True, "charged": True} for g in batch]
        reply = {"type": "results", "results": items, "budget_left": {"evaluations": left}, "done": left == 0}
        child.stdin.write(json.dumps(reply) + "\n")
        child.stdin.flush()
    child.stdin.close()
    status = child.wait(timeout=120)
    child.stdout.close()
    child.stderr.close()
    if status != 0:
        raise AssertionError("%s exited with %d" % (name, status))
    return asked


class LibraryExampleTests(unittest.TestCase):
    def check(self, module, name):
        if importlib.util.find_spec(module) is None:
            self.skipTest("%s is not installed: python3 -m pip install %s" % (module, module))
        for seed in [1, 18446744073709551557]:  # one seed past 2**32, as harness seeds are
            first = replay(name, seed)
            self.assertEqual(len(first), BUDGET)
            self.assertTrue(all(len(g) == 6 and all(0 <= x <= 4 for x in g) for g in first))
            self.assertEqual(replay(name, seed), first, "same seed, same queries")
        self.assertNotEqual(replay(name, 1), replay(name, 2), "another seed, other queries")

    def test_pymoo_nsga2(self):
        self.check("pymoo", "pymoo_nsga2.py")

    def test_optuna_motpe(self):
        self.check("optuna", "optuna_motpe.py")


if __name__ == "__main__":
    unittest.main()
