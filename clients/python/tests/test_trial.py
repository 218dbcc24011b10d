"""The client against a scripted harness: what it sends, what it makes of the replies.

    python3 -m unittest discover -s clients/python/tests
"""

import io
import json
import os
import random
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

import nasreplay  # noqa: E402

START = {
    "type": "start", "protocol": 1, "algorithm": "py", "trial": 2, "seed": 12345678901234567890,
    "budget": {"evaluations": 3},
    "objectives": [{"metric": "c10_valid_200ep", "direction": "max"}],
    "space": {"name": "nats-topology", "genes": 6, "bounds": [[0, 4]] * 6, "encodings": ["genes", "archs"],
              "architecture_example": "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"},
    "params": {"batch": 2},
}


def results(n, left, done):
    items = [{"arch": "a%d" % i, "objectives": [90.0 + i], "cost": 0, "exact": True, "charged": True} for i in range(n)]
    return {"type": "results", "results": items, "budget_left": {"evaluations": left}, "done": done}


def harness(*replies):
    lines = [json.dumps(START)] + [json.dumps(r) for r in replies]
    return io.StringIO("\n".join(lines) + "\n"), io.StringIO()


def sent(writer):
    return [json.loads(line) for line in writer.getvalue().splitlines()]


class TrialTests(unittest.TestCase):
    def test_start_message_is_read(self):
        reader, writer = harness()
        trial = nasreplay.Trial.connect(reader, writer)
        self.assertEqual(trial.seed, 12345678901234567890)
        self.assertEqual(trial.index, 2)
        self.assertEqual(trial.space.genes, 6)
        self.assertEqual(trial.space.bounds[0], (0, 4))
        self.assertEqual(trial.budget_left, 3)
        self.assertEqual(trial.budget_kind, "evaluations")
        self.assertEqual(trial.params, {"batch": 2})
        self.assertEqual(trial.objectives, [("c10_valid_200ep", "max")])
        self.assertFalse(trial.done)

    def test_evaluate_sends_genes_and_reads_results(self):
        reader, writer = harness(results(2, 1, False))
        trial = nasreplay.Trial.connect(reader, writer)
        out = trial.evaluate([[0, 1, 2, 3, 4, 0], [1, 1, 1, 1, 1, 1]])
        self.assertEqual(sent(writer), [{"type": "evaluate", "genes": [[0, 1, 2, 3, 4, 0], [1, 1, 1, 1, 1, 1]]}])
        self.assertEqual([r.objectives for r in out], [[90.0], [91.0]])
        self.assertTrue(all(r.ok for r in out))
        self.assertEqual(trial.budget_left, 1)

    def test_evaluate_sends_architecture_strings_as_archs(self):
        reader, writer = harness(results(1, 2, False))
        trial = nasreplay.Trial.connect(reader, writer)
        self.assertIn("archs", trial.space.encodings)
        [r] = trial.evaluate(["|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"])
        self.assertEqual(sent(writer), [{"type": "evaluate", "archs": ["|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"]}])
        self.assertIsNone(r.genes)
        self.assertEqual(r.arch, "a0")

    def test_error_reply_raises_and_the_trial_goes_on(self):
        error = {"type": "error", "fatal": False, "message": "genes[0][0] = 9 is outside its bounds [0, 4]"}
        reader, writer = harness(error, results(1, 0, True))
        trial = nasreplay.Trial.connect(reader, writer)
        with self.assertRaises(nasreplay.ProtocolError) as caught:
            trial.evaluate([[9, 0, 0, 0, 0, 0]])
        self.assertFalse(caught.exception.fatal)
        self.assertIn("outside its bounds", caught.exception.message)
        trial.evaluate([[0, 0, 0, 0, 0, 0]])
        self.assertTrue(trial.done)

    def test_run_finishes_after_the_search(self):
        reader, writer = harness(results(2, 1, False), results(1, 0, True))

        def search(trial):
            rng = random.Random(trial.seed)
            while not trial.done:
                trial.evaluate([trial.space.sample(rng) for _ in range(min(2, trial.budget_left))])

        nasreplay.run(search, reader, writer)
        messages = sent(writer)
        self.assertEqual([m["type"] for m in messages], ["evaluate", "evaluate", "finish"])
        self.assertEqual([len(m["genes"]) for m in messages[:2]], [2, 1])

    def test_mutate_changes_exactly_one_gene_within_bounds(self):
        reader, writer = harness()
        space = nasreplay.Trial.connect(reader, writer).space
        rng = random.Random(1)
        for _ in range(200):
            parent = space.sample(rng)
            child = space.mutate(parent, rng)
            self.assertEqual(sum(a != b for a, b in zip(parent, child)), 1)
            self.assertTrue(all(lo <= g <= hi for g, (lo, hi) in zip(child, space.bounds)))

    def test_rea_example_mutates_as_nats_bench_does(self):
        """NATS-Bench's node-then-edge draw: edge 0 (the only edge into node 1) is mutated
        a third of the time, each of node 3's three edges a ninth; one gene changes."""
        examples = os.path.join(HERE, "..", "..", "..", "examples", "algorithms")
        sys.path.insert(0, examples)
        try:
            import regularized_evolution
        finally:
            sys.path.remove(examples)
        rng = random.Random(7)
        counts = [0] * 6
        draws = 90000
        for _ in range(draws):
            parent = [rng.randint(0, 4) for _ in range(6)]
            child = regularized_evolution.mutate_nats_topology(parent, rng)
            changed = [i for i in range(6) if parent[i] != child[i]]
            self.assertEqual(len(changed), 1)
            self.assertTrue(0 <= child[changed[0]] <= 4)
            counts[changed[0]] += 1
        expected = [1 / 3, 1 / 6, 1 / 6, 1 / 9, 1 / 9, 1 / 9]
        for edge in range(6):
            # Five standard deviations of a binomial proportion: about 0.008 at p = 1/3.
            sd = (expected[edge] * (1 - expected[edge]) / draws) ** 0.5
            self.assertAlmostEqual(counts[edge] / draws, expected[edge], delta=5 * sd)

    def test_examples_run_against_a_scripted_harness(self):
        """Each example, as a process, spends a 3-evaluation budget and finishes."""
        examples = os.path.join(HERE, "..", "..", "..", "examples", "algorithms")
        for name in ["random_search.py", "regularized_evolution.py"]:
            with self.subTest(name):
                child = subprocess.Popen([sys.executable, os.path.join(examples, name)], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True)
                child.stdin.write(json.dumps(START) + "\n")
                child.stdin.flush()
                left = 3
                while True:
                    message = json.loads(child.stdout.readline())
                    if message["type"] == "finish":
                        break
                    n = len(message["genes"])
                    self.assertLessEqual(n, left)
                    left -= n
                    child.stdin.write(json.dumps(results(n, left, left == 0)) + "\n")
                    child.stdin.flush()
                child.stdin.close()
                self.assertEqual(child.wait(timeout=30), 0)
                child.stdout.close()
                self.assertEqual(left, 0)


if __name__ == "__main__":
    unittest.main()
