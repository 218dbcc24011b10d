"""One trial's side of the protocol: the start message, evaluate, finish.

    trial = Trial.connect()                  # reads the start message from stdin
    [r] = trial.evaluate([[0, 1, 2, 3, 4, 0]])
    print(r.objectives, trial.budget_left, file=sys.stderr)
    trial.finish()
"""

import json
import sys
import traceback

PROTOCOL_VERSION = 1


class ProtocolError(Exception):
    """The harness answered with an error (a bad batch, the budget spent); `fatal` says
    whether the trial is over."""

    def __init__(self, message, fatal=False):
        super().__init__(message)
        self.message = message
        self.fatal = fatal


class Space:
    """The search space as genes: one integer per gene, gene i in bounds[i] = [lo, hi]."""

    def __init__(self, start):
        space = start["space"]
        self.name = space["name"]
        self.bounds = [tuple(b) for b in space["bounds"]]
        self.encodings = list(space.get("encodings", ["genes"]))
        # A name per gene, and per gene the written value of each integer (None: integers
        # mean themselves).
        self.gene_names = list(space.get("gene_names") or ["g%d" % i for i in range(len(self.bounds))])
        self.choices = space.get("choices")
        self.architecture_example = space.get("architecture_example")

    @property
    def genes(self):
        """How many genes an architecture has."""
        return len(self.bounds)

    def sample(self, rng):
        """Uniformly random genes (rng: a random.Random)."""
        return [rng.randint(lo, hi) for lo, hi in self.bounds]

    def mutate(self, genes, rng):
        """Genes with one gene, drawn uniformly, changed to another value of its bounds.
        NATS-Bench's REA draws a node first and then one of its incoming edges, so its edges
        are not equally likely: examples/algorithms/regularized_evolution.py has that
        operator for the NATS topology space."""
        child = list(genes)
        choices = [i for i, (lo, hi) in enumerate(self.bounds) if hi > lo]
        if not choices:
            return child
        i = rng.choice(choices)
        lo, hi = self.bounds[i]
        child[i] = rng.choice([v for v in range(lo, hi + 1) if v != child[i]])
        return child


class Result:
    """The answer for one architecture: `genes` (as asked; None when asked by string),
    `arch` (the written form), `objectives` (what the search sees, in the start
    message's order; None where the table has no value), `cost` (simulated seconds),
    `exact` (False: answered off the table), `charged` (False: a free repeat), or `error`
    (no answer, not charged)."""

    def __init__(self, genes, item):
        self.genes = list(genes) if genes is not None else None
        self.arch = item.get("arch")
        self.objectives = item.get("objectives")
        self.cost = item.get("cost")
        self.exact = item.get("exact")
        self.charged = item.get("charged")
        self.error = item.get("error")

    @property
    def ok(self):
        return self.error is None

    def __repr__(self):
        if self.error is not None:
            return "Result(%r, error=%r)" % (self.arch, self.error)
        return "Result(%r, objectives=%r, cost=%r)" % (self.arch, self.objectives, self.cost)


class Trial:
    """One trial: its seed, budget, objectives, space and params, and the calls that spend
    its budget."""

    def __init__(self, start, reader, writer):
        if start.get("type") != "start":
            raise ProtocolError("expected a start message, got %r" % (start.get("type"),), fatal=True)
        if start.get("protocol") != PROTOCOL_VERSION:
            raise ProtocolError("harness speaks protocol %r, this client %d" % (start.get("protocol"), PROTOCOL_VERSION), fatal=True)
        self._reader = reader
        self._writer = writer
        self.start = start
        self.algorithm = start.get("algorithm")
        self.index = start["trial"]
        self.seed = start["seed"]
        self.budget = dict(start["budget"])
        self.objectives = [(o["metric"], o["direction"]) for o in start["objectives"]]
        self.space = Space(start)
        self.params = dict(start.get("params") or {})
        self.budget_left = self._amount(self.budget)
        self.done = self.budget_left <= 0
        self.finished = False

    @classmethod
    def connect(cls, reader=None, writer=None):
        """Reads the start message (from stdin unless `reader` is given)."""
        reader = reader if reader is not None else sys.stdin
        writer = writer if writer is not None else sys.stdout
        line = reader.readline()
        if not line:
            raise ProtocolError("no start message: run this program through `nasreplay run`", fatal=True)
        return cls(json.loads(line), reader, writer)

    @staticmethod
    def _amount(budget):
        return budget.get("evaluations", budget.get("simulated_seconds", 0))

    @property
    def budget_kind(self):
        """"evaluations" or "simulated_seconds"."""
        return "evaluations" if "evaluations" in self.budget else "simulated_seconds"

    def _send(self, message):
        self._writer.write(json.dumps(message, separators=(",", ":")) + "\n")
        self._writer.flush()

    def _receive(self):
        line = self._reader.readline()
        if not line:
            raise ProtocolError("the harness closed the connection", fatal=True)
        return json.loads(line)

    def evaluate(self, batch):
        """Evaluates a batch, in order: gene vectors, or architecture strings in the space's
        written form where the space reads them (`"archs" in trial.space.encodings`);
        returns one Result each. Items past the budget come back with error "budget
        spent". Raises ProtocolError when the harness rejects the batch (then nothing of
        it was evaluated)."""
        batch = list(batch)
        if batch and all(isinstance(item, str) for item in batch):
            self._send({"type": "evaluate", "archs": batch})
            named = [None] * len(batch)
        else:
            batch = [[int(g) for g in genes] for genes in batch]
            self._send({"type": "evaluate", "genes": batch})
            named = batch
        reply = self._receive()
        if reply.get("type") == "error":
            raise ProtocolError(reply.get("message", ""), fatal=bool(reply.get("fatal")))
        if reply.get("type") != "results":
            raise ProtocolError("unexpected reply %r" % (reply.get("type"),), fatal=True)
        self.budget_left = self._amount(reply["budget_left"])
        self.done = bool(reply["done"])
        return [Result(genes, item) for genes, item in zip(named, reply["results"])]

    def evaluate_one(self, architecture):
        """One gene vector's (or architecture string's) Result."""
        return self.evaluate([architecture])[0]

    def finish(self):
        """Ends the trial. The harness counts it complete only with the budget spent."""
        if not self.finished:
            self._send({"type": "finish"})
            self.finished = True


def run(search, reader=None, writer=None):
    """Connects, calls `search(trial)`, then finishes: the whole program of a client.
    An exception is printed to stderr and the program exits with status 1, so the harness
    fails this trial and names the error."""
    try:
        trial = Trial.connect(reader, writer)
        search(trial)
        trial.finish()
    except Exception:
        traceback.print_exc(file=sys.stderr)
        sys.exit(1)
    return trial
