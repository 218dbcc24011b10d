"""Client for NASReplay's external-algorithm protocol, version 1 (docs/PROTOCOL.md).

    import random, nasreplay

    def search(trial):
        rng = random.Random(trial.seed)
        while not trial.done:
            trial.evaluate([trial.space.sample(rng)])

    nasreplay.run(search)

`nasreplay run SPEC` starts the program once per trial with `type = "external"`; the
program talks to the harness over its stdin and stdout, so it must log to stderr only.

For a notebook, `Benchmark` asks a table directly (through `nasreplay serve`), with no
trial and no budget:

    with nasreplay.Benchmark("nats-tss", datasets="datasets") as bench:
        bench.query("1462").metrics["c10_test_200ep"]               # 93.76000213623047
        bench.front(["c10_valid_200ep:max", "lat_ms_raspi4:min"]).points
"""

from .benchmark import Answer, Benchmark, Front, FrontPoint, ServeError
from .trial import PROTOCOL_VERSION, ProtocolError, Result, Space, Trial, run

__all__ = ["PROTOCOL_VERSION", "Answer", "Benchmark", "Front", "FrontPoint", "ProtocolError", "Result",
           "ServeError", "Space", "Trial", "run"]
