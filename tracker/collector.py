"""Python's garbage collector, tuned for a process that serves requests (`tracker.wsgi`,
`tracker.asgi`; the benchmark's in-process measures do the same).

A large page (an event with hundreds of claims) builds tens of thousands of objects that
live until its response is sent. At Python's default thresholds (700, 10, 10) they set
off a full collection every few such pages, and each full collection walks everything
the process holds, Django and the project included: 0.1 s each time, which made the
largest event page's 95th percentile twice its median at a million claims
(bench/README.md). So, once the application is loaded:

- what is loaded by then lives as long as the process, and is frozen out of every
  collection (`gc.freeze`);
- the youngest generation is collected after 7,000 new objects rather than 700, so
  that most of a page's objects are freed by their reference counts before any
  collection looks at them, and the older generations follow ten times less often.

Cycles are still collected; a cycle of garbage waits a little longer to be freed.
"""

import gc

YOUNGEST_THRESHOLD = 7_000


def tune_for_serving() -> None:
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNGEST_THRESHOLD, middle, oldest)
