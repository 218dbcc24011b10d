"""Client for NASReplay's external-algorithm protocol, version 1 (docs/PROTOCOL.md).

    import random, nasreplay

    def search(trial):
        rng = random.Random(trial.seed)
        while not trial.done:
            trial.evaluate([trial.space.sample(rng)])

    nasreplay.run(search)

`nasreplay run SPEC` starts the program once per trial with `type = "external"`; the
program talks to the harness over its stdin and stdout, so it must log to stderr only.
"""

from .trial import PROTOCOL_VERSION, ProtocolError, Result, Space, Trial, run

__all__ = ["PROTOCOL_VERSION", "ProtocolError", "Result", "Space", "Trial", "run"]
