"""Interactive queries of one benchmark table, for notebooks: metrics of architectures,
the table's true Pareto front and its info, answered by `nasreplay serve` (docs/PROTOCOL.md,
"Serving a table") in a child process.

    import nasreplay

    with nasreplay.Benchmark("nats-tss", datasets="datasets") as bench:
        a = bench.query("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|")
        print(a.row, a.metrics["c10_test_200ep"])      # 1462 93.76000213623047
        batch = bench.query([[0, 1, 2, 3, 4, 0], "1462"], metrics=["c10_valid_200ep"])
        front = bench.front(["c10_valid_200ep:max", "lat_ms_raspi4:min"])
        print(len(front.points), front.hypervolume)     # 45 0.965…

Values are the table's float32 numbers widened to Python floats, as `nasreplay run` hands
them to a search (93.76 is stored as 93.76000213623047); None where the table has no value.
"""

import json
import operator
import subprocess
from collections import namedtuple

from .trial import PROTOCOL_VERSION, Space


class ServeError(Exception):
    """`nasreplay serve` refused a request (its one-line `message` names the problem), did
    not start (an unknown table, no binary), or stopped answering."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class Answer:
    """One architecture's answer: `arch` (the space's written form), `row` (the table row;
    None for a surrogate's answer), `exact` (False: answered off the table, by `off_table`,
    at `distance` for the nearest row), `metrics` ({metric id: value}), or `error`."""

    def __init__(self, item):
        self.arch = item.get("arch")
        self.row = item.get("row")
        self.exact = item.get("exact")
        self.off_table = item.get("off_table")
        self.distance = item.get("distance")
        self.metrics = item.get("metrics")
        self.error = item.get("error")

    @property
    def ok(self):
        return self.error is None

    def __repr__(self):
        if self.error is not None:
            return "Answer(error=%r)" % (self.error,)
        return "Answer(%r, row=%r, exact=%r, metrics=%r)" % (self.arch, self.row, self.exact, self.metrics)


FrontPoint = namedtuple("FrontPoint", ["row", "arch", "values"])
FrontPoint.__doc__ = "A row on the front: its table row, architecture and objectives' values, in order."


class Front:
    """A table's true Pareto front: `points` (FrontPoint, best first objective first),
    `objectives`, and `hypervolume` of the front with objectives minimised and min-max
    normalised over the table, against `reference` (DESIGN.md, "Hypervolume conventions");
    `excluded_rows` had no value for some objective."""

    def __init__(self, reply):
        self.objectives = list(reply["objectives"])
        self.hypervolume = reply["hypervolume"]
        self.reference = list(reply["reference"])
        self.excluded_rows = reply["excluded_rows"]
        self.points = [FrontPoint(p["row"], p["arch"], list(p["values"])) for p in reply["front"]]

    def __len__(self):
        return len(self.points)

    def __repr__(self):
        return "Front(%r, %d points, hypervolume=%r)" % (self.objectives, len(self.points), self.hypervolume)


def _gene_vector(value):
    """The value as a list of ints when it is one gene vector (ints, NumPy integers), else None."""
    if isinstance(value, (str, bytes)):
        return None
    try:
        genes = [operator.index(g) for g in value]
    except TypeError:
        return None
    return genes or None


class Benchmark:
    """One table served by `nasreplay serve TABLE` in a child process; close it (or use
    `with`) when done.

    - `table`: the table's name, as `nasreplay query` takes it (`nats-tss`, `nb101-sample`,
      an imported table's name).
    - `nasreplay`: the binary, a name on PATH or a path (`.build/release/nasreplay`).
    - `datasets`: the folder of built tables; None: the server's default (`$NASREPLAY_DATASETS`,
      else `datasets` in the working directory).
    - `off_table`: a sample table's answer for gene vectors that are not rows (`"nearest"`,
      `"surrogate:knn"`, …, as a spec's `benchmark.off_table`); None: no answer (`reject`).

    After start: `table`, `rows`, `metrics` (the metric ids), `space` (a `Space`: `bounds`,
    `sample(rng)`, `mutate(genes, rng)`), `sample_table`.
    """

    def __init__(self, table, nasreplay="nasreplay", datasets=None, off_table=None):
        command = [nasreplay, "serve", table]
        if datasets is not None:
            command += ["--datasets", str(datasets)]
        if off_table is not None:
            command += ["--off-table", off_table]
        try:
            self._child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                           stderr=subprocess.PIPE, text=True, encoding="utf-8")
        except OSError as error:
            raise ServeError("cannot start %s: %s; build it (`make build` writes .build/release/nasreplay) "
                             "and pass its path as nasreplay=" % (nasreplay, error)) from None
        self._closed = False
        hello = self._receive()
        if hello.get("type") != "serve":
            self.close()
            raise ServeError("expected nasreplay serve's first line, got %r" % (hello.get("type"),))
        if hello.get("protocol") != PROTOCOL_VERSION:
            self.close()
            raise ServeError("nasreplay serve speaks protocol %r, this client %d" % (hello.get("protocol"), PROTOCOL_VERSION))
        self.hello = hello
        self.table = hello["table"]
        self.rows = hello["rows"]
        self.metrics = list(hello["metrics"])
        self.sample_table = hello["sample_table"]
        self.off_table = hello["off_table"]
        self.space = Space(hello)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return "Benchmark(%r, %d rows, %d metrics)" % (self.table, self.rows, len(self.metrics))

    def _receive(self):
        line = self._child.stdout.readline()
        if not line:
            status = self._child.wait()
            stderr = self._child.stderr.read().strip()
            self._closed = True
            self._close_pipes()
            raise ServeError("nasreplay serve exited with status %d: %s" % (status, stderr or "(no message)"))
        return json.loads(line)

    def _ask(self, message, expected):
        if self._closed:
            raise ServeError("this Benchmark is closed")
        try:
            self._child.stdin.write(json.dumps(message, separators=(",", ":")) + "\n")
            self._child.stdin.flush()
        except (BrokenPipeError, OSError):
            self._receive()  # raises with the server's exit status and message
        reply = self._receive()
        if reply.get("type") == "error":
            raise ServeError(reply.get("message", ""))
        if reply.get("type") != expected:
            raise ServeError("expected a %s reply, got %r" % (expected, reply.get("type")))
        return reply

    def _close_pipes(self):
        for stream in (self._child.stdin, self._child.stdout, self._child.stderr):
            try:
                stream.close()
            except OSError:
                pass

    def query(self, architectures, metrics=None):
        """Metrics of one architecture or of a batch: an architecture is a gene vector
        (ints within `space.bounds`) or text as `nasreplay query` takes it (a NATS arch
        string, index or NASLib tuple; an NB101 hash; a sample table's row number, as a
        string). `metrics`: the metric ids to answer (default: every metric).

        One architecture gives an `Answer`, and raises ServeError when it has none; a batch
        (a list of them) gives a list of `Answer`s, in order, whose `error` says which have
        none. A request the server refuses (an unknown metric) raises ServeError."""
        if isinstance(metrics, str):
            metrics = [metrics]
        single = isinstance(architectures, str) or _gene_vector(architectures) is not None
        try:
            batch = [architectures] if single else list(architectures)
        except TypeError:
            raise TypeError("query: give a gene vector, an architecture as text, or a list of them; got %r" % (architectures,)) from None
        if not batch:
            raise ValueError("query: give an architecture or a non-empty list of them")
        # One request per form, each keeping its items' places in the batch.
        answers = [None] * len(batch)
        genes = [(i, a) for i, a in enumerate(batch) if not isinstance(a, str)]
        texts = [(i, a) for i, a in enumerate(batch) if isinstance(a, str)]
        for key, items in (("genes", genes), ("archs", texts)):
            if not items:
                continue
            # A vector that is not all integers goes as given, for the server's message.
            values = [a if key == "archs" else (_gene_vector(a) or a) for _, a in items]
            message = {"type": "query", key: values}
            if metrics is not None:
                message["metrics"] = list(metrics)
            reply = self._ask(message, "results")
            for (i, _), item in zip(items, reply["results"]):
                answers[i] = Answer(item)
                # The server numbers each request's items; a mixed batch names the batch's.
                if genes and texts and answers[i].error is not None:
                    answers[i].error = "batch[%d]: %s" % (i, answers[i].error)
        if single:
            if not answers[0].ok:
                raise ServeError(answers[0].error)
            return answers[0]
        return answers

    def front(self, objectives):
        """The table's true Pareto front for two or more objectives, each "metric:max" or
        "metric:min" (a spec's syntax), as `nasreplay front` computes it: a `Front`."""
        if isinstance(objectives, str):
            objectives = [o.strip() for o in objectives.split(",")]
        return Front(self._ask({"type": "front", "objectives": list(objectives)}, "front"))

    def info(self):
        """What `nasreplay datasets info` says about the table, as a dict: `table`, `file`,
        `search_space`, `rows`, `sample_table`, `off_table`, `provenance`, and `metrics` and
        `costs`, one dict per column (`id`, `dataset`, `values`, `unit`, `direction`,
        `source`, `description`)."""
        reply = self._ask({"type": "info"}, "info")
        reply.pop("type", None)
        return reply

    def close(self):
        """Ends the server (it exits on `close`); waits for it, and kills it after 10 s."""
        if getattr(self, "_child", None) is None:
            return
        if not self._closed:
            self._closed = True
            try:
                self._child.stdin.write('{"type":"close"}\n')
                self._child.stdin.flush()
            except (BrokenPipeError, OSError):
                pass
        self._close_pipes()
        try:
            self._child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._child.kill()
            self._child.wait()
