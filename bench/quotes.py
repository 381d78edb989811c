"""`python -m bench.quotes`: the time of one quote check (claims/quotes.py) on long inputs.

Each quote is made-up words; its source text is made-up words with the quote inside it,
every fourth word changed, so that each check goes past the verbatim and folded tests
to the search for the closest passage. Prints the median of `--repeat` runs per case.
"""

import argparse
import random
import statistics
import string
import time

from claims.quotes import check_quote

# (quote, text) lengths in characters: usual quotes, the longest the models accept by
# default (2,000), longer ones a path without validation could write, and a text as
# long as the largest request the site accepts (2.5 MB).
CASES = [
    (300, 60_000),
    (1_000, 10_000),
    (2_000, 10_000),
    (2_000, 100_000),
    (5_000, 10_000),
    (10_000, 10_000),
    (10_000, 100_000),
    (100_000, 100_000),
    (2_000, 2_500_000),
    (100_000, 2_500_000),
]


def words(draw: random.Random, length: int) -> str:
    made_up, size = [], 0
    while size < length:
        word = "".join(draw.choices(string.ascii_lowercase, k=draw.randint(2, 9)))
        made_up.append(word)
        size += len(word) + 1
    return " ".join(made_up)[:length]


def case(quote_length: int, text_length: int, seed: int) -> tuple[str, str]:
    draw = random.Random(seed)
    quote = words(draw, quote_length)
    misquoted = " ".join(w if n % 4 else "other" for n, w in enumerate(quote.split()))
    text = words(draw, text_length)
    if text_length > quote_length:
        at = (text_length - quote_length) // 3
        text = f"{text[:at]} {misquoted} {text[at:]}"[:text_length]
    return quote, text


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.quotes", description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="timed checks per case")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"{'quote':>9} {'text':>11} {'median s':>9}  outcome (similarity)")
    for quote_length, text_length in CASES:
        quote, text = case(quote_length, text_length, args.seed)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = check_quote(quote, text)
            times.append(time.perf_counter() - started)
        print(
            f"{quote_length:>9,} {text_length:>11,} {statistics.median(times):>9.3f}  "
            f"{result.outcome} ({result.similarity})"
        )


if __name__ == "__main__":
    main()
