#!/usr/bin/env python3
"""Regularized (aging) evolution as an external algorithm, with NATS-Bench's REA settings:
a population of 10 from random samples, then each step a tournament of 3 drawn with
replacement, its best mutated, the child added and the oldest removed. Maximises the first
objective in its direction.

The mutation is NATS-Bench's `mutate_topology_func` on the NATS topology space (draw one of
the 3 inner nodes, then one of its incoming edges, then a different operation), the same
operator as the built-in `aging-evolution`'s; on any other space, one gene drawn uniformly
is changed to another value (`Space.mutate`).

    [[algorithm]]
    name = "py-rea"
    type = "external"
    command = ["python3", "examples/algorithms/regularized_evolution.py"]
    params = { population = 10, sample = 3 }
"""

import collections
import math
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "clients", "python"))

import nasreplay  # noqa: E402


def fitness(result, direction):
    """The first objective as a value to maximise; no answer or no value never wins."""
    if not result.ok or result.objectives is None or result.objectives[0] is None:
        return -math.inf
    v = result.objectives[0]
    return v if direction == "max" else -v


def mutate_nats_topology(genes, rng):
    """NATS-Bench's topology mutation. Genes are the 6 edges in architecture-string order,
    (1<-0), (2<-0), (2<-1), (3<-0), (3<-1), (3<-2): node n's incoming edges start at gene
    n(n-1)/2. The edge into node 1 is chosen a third of the time, not a sixth."""
    node = rng.randint(1, 3)
    edge = node * (node - 1) // 2 + rng.randint(0, node - 1)
    child = list(genes)
    operation = child[edge]
    while operation == child[edge]:
        operation = rng.randint(0, 4)
    child[edge] = operation
    return child


def search(trial):
    rng = random.Random(trial.seed)
    population_size = int(trial.params.get("population", 10))
    sample_size = int(trial.params.get("sample", 3))
    direction = trial.objectives[0][1]
    mutate = mutate_nats_topology if trial.space.name == "nats-topology" else trial.space.mutate
    population = collections.deque()
    while len(population) < population_size and not trial.done:
        genes = trial.space.sample(rng)
        population.append((genes, fitness(trial.evaluate_one(genes), direction)))
    while not trial.done:
        # With replacement, as NATS-Bench's REA draws its tournament.
        tournament = [rng.choice(population) for _ in range(sample_size)]
        parent = max(tournament, key=lambda member: member[1])
        child = mutate(parent[0], rng)
        population.append((child, fitness(trial.evaluate_one(child), direction)))
        population.popleft()


if __name__ == "__main__":
    nasreplay.run(search)
