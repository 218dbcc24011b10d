"""`nasreplay.Benchmark` against the real binary and the real NATS-TSS table: its answers
are what `nasreplay query` and `nasreplay front` print, and refusals raise ServeError.

    python3 -m unittest discover -s clients/python/tests -p 'test_benchmark.py'

The binary is `$NASREPLAY_BIN`, else the newer of `.build/release/nasreplay` and
`.build/debug/nasreplay` (`make build` or `swift build`). The table is built once from
the shared data (`$NASREPLAY_SHARED/data`, else the first `shared/data` beside a folder
above this one) into a temporary folder, as the Swift tests build theirs, so `make datasets`
need not have run. Skipped, saying why, only when the binary or the data is not there.
"""

import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(HERE, ".."))

import nasreplay  # noqa: E402

CELL_1462 = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"


def find_binary():
    if os.environ.get("NASREPLAY_BIN"):
        return os.environ["NASREPLAY_BIN"]
    built = [os.path.join(REPOSITORY, ".build", kind, "nasreplay") for kind in ("release", "debug")]
    built = [path for path in built if os.access(path, os.X_OK)]
    return max(built, key=os.path.getmtime) if built else None


def find_data():
    if os.environ.get("NASREPLAY_SHARED"):
        return os.path.join(os.environ["NASREPLAY_SHARED"], "data")
    folder = HERE
    while os.path.dirname(folder) != folder:
        candidate = os.path.join(folder, "shared", "data")
        if os.path.isdir(candidate):
            return candidate
        folder = os.path.dirname(folder)
    return None


def float32(x):
    """x rounded to float32, as the table stores it."""
    return struct.unpack("f", struct.pack("f", x))[0]


class BenchmarkTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.binary = find_binary()
        if cls.binary is None:
            raise unittest.SkipTest("no nasreplay binary: build it (swift build, or make build), or set NASREPLAY_BIN")
        data = find_data()
        if data is None or not os.path.exists(os.path.join(data, "nats-tss")):
            raise unittest.SkipTest("no shared data with nats-tss/ (set NASREPLAY_SHARED to the folder holding data/)")
        cls.datasets = tempfile.mkdtemp(prefix="nasreplay-py-")
        built = subprocess.run([cls.binary, "datasets", "build", "--from", data, "--datasets", cls.datasets, "nats-tss"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if built.returncode != 0:
            raise AssertionError("cannot build nats-tss: %s" % built.stderr)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.datasets, ignore_errors=True)

    def setUp(self):
        self.bench = nasreplay.Benchmark("nats-tss", nasreplay=self.binary, datasets=self.datasets)
        self.addCleanup(self.bench.close)

    def cli(self, *arguments):
        out = subprocess.run([self.binary] + list(arguments) + ["--datasets", self.datasets, "--json"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=True)
        return json.loads(out.stdout)

    def test_start_describes_the_table(self):
        self.assertEqual(self.bench.table, "nats-tss")
        self.assertEqual(self.bench.rows, 15625)
        self.assertFalse(self.bench.sample_table)
        self.assertEqual(self.bench.space.name, "nats-topology")
        self.assertEqual(self.bench.space.bounds, [(0, 4)] * 6)
        self.assertIn("c10_test_200ep", self.bench.metrics)

    def test_query_answers_every_metric_as_nasreplay_query_prints_it(self):
        answer = self.bench.query(CELL_1462)
        self.assertEqual((answer.row, answer.exact, answer.arch), (1462, True, CELL_1462))
        # NATS-Bench's cell 1462 as the source CSV gives it.
        self.assertEqual(answer.metrics["c10_test_200ep"], float32(93.76))
        printed = self.cli("query", "nats-tss", "1462")["metrics"]
        self.assertEqual(list(answer.metrics), list(printed))
        for metric, value in printed.items():
            self.assertEqual(answer.metrics[metric], None if value is None else float32(value), metric)
        # An index and a NASLib tuple name the same row.
        self.assertEqual(self.bench.query("1462").metrics, answer.metrics)
        self.assertEqual(self.bench.query("2-2-2-2-2-2").metrics, answer.metrics)

    def test_query_by_genes_answers_as_evaluate_does(self):
        # PROTOCOL.md's example transcript: evaluate of these genes, objectives c10_valid_200ep and lat_ms_raspi4.
        a, b = self.bench.query([[0, 1, 2, 3, 4, 0], [4, 4, 4, 4, 4, 4]], metrics=["c10_valid_200ep", "lat_ms_raspi4"])
        self.assertEqual(a.arch, "|none~0|+|skip_connect~0|nor_conv_1x1~1|+|nor_conv_3x3~0|avg_pool_3x3~1|none~2|")
        self.assertEqual(a.metrics, {"c10_valid_200ep": 88.68800354003906, "lat_ms_raspi4": 22.620100021362305})
        self.assertEqual(b.metrics, {"c10_valid_200ep": 37.347999572753906, "lat_ms_raspi4": 19.090200424194336})
        self.assertEqual(self.bench.query(a.arch).row, a.row)

    def test_a_batch_answers_each_item_and_names_the_bad_ones(self):
        answers = self.bench.query([[0, 1, 2, 3, 4, 0], "1462", [9, 0, 0, 0, 0, 0], "|nor_conv_3x3~0|+|"], metrics="c10_valid_200ep")
        self.assertEqual([a.ok for a in answers], [True, True, False, False])
        self.assertEqual(answers[1].row, 1462)
        self.assertEqual(answers[2].error, "batch[2]: genes[1][0] = 9 is outside its bounds [0, 4]")
        self.assertIn("batch[3]: archs[1]: invalid NATS topology architecture", answers[3].error)
        with self.assertRaises(nasreplay.ServeError) as raised:
            self.bench.query([0, 0, 0])
        self.assertEqual(raised.exception.message, "genes[0] has 3 genes; nats-topology has 6")

    def test_front_is_nasreplay_fronts(self):
        front = self.bench.front(["c10_valid_200ep:max", "lat_ms_raspi4:min"])
        printed = self.cli("front", "nats-tss", "--objectives", "c10_valid_200ep:max,lat_ms_raspi4:min")
        self.assertEqual(len(front), len(printed["front"]))
        self.assertEqual(front.hypervolume, printed["hypervolume"])
        self.assertEqual(front.reference, [1, 1])
        for point, row in zip(front.points, printed["front"]):
            self.assertEqual((point.row, point.arch), (row["row"], row["arch"]))
            self.assertEqual(point.values, [float32(v) for v in row["values"]])

    def test_info_lists_the_metrics(self):
        info = self.bench.info()
        self.assertEqual(info["rows"], 15625)
        self.assertEqual(info["search_space"], "nats-topology")
        self.assertEqual([m["id"] for m in info["metrics"]], self.bench.metrics)
        latency = next(m for m in info["metrics"] if m["id"] == "lat_ms_raspi4")
        self.assertEqual((latency["unit"], latency["direction"]), ("ms", "min"))

    def test_refusals_raise_serve_error_and_the_session_goes_on(self):
        with self.assertRaises(nasreplay.ServeError) as raised:
            self.bench.query(CELL_1462, metrics=["accuracy"])
        self.assertIn("nats-tss has no metric 'accuracy'", raised.exception.message)
        with self.assertRaises(nasreplay.ServeError) as raised:
            self.bench.front(["c10_valid_200ep:up", "lat_ms_raspi4:min"])
        self.assertIn("direction 'up' must be max or min", raised.exception.message)
        self.assertEqual(self.bench.query("1462").row, 1462)

    def test_an_unknown_table_raises_with_the_servers_message(self):
        with self.assertRaises(nasreplay.ServeError) as raised:
            nasreplay.Benchmark("nats-bogus", nasreplay=self.binary, datasets=self.datasets)
        self.assertIn("exited with status 2", raised.exception.message)
        self.assertIn("unknown benchmark", raised.exception.message)

    def test_close_ends_the_server(self):
        with nasreplay.Benchmark("nats-tss", nasreplay=self.binary, datasets=self.datasets) as bench:
            bench.query("0")
        self.assertEqual(bench._child.returncode, 0)
        with self.assertRaises(nasreplay.ServeError):
            bench.query("0")


if __name__ == "__main__":
    unittest.main()
