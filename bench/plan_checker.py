"""``python -m bench.plan_checker``: the plan checker's recall and false-positive rate on the
labelled corpus in selfassess/plans/tests/data/plan_corpus.yaml, as one line::

    plan_checker actions=177 weak=115 recall=1.000 false_positive_rate=0.000

``--verbose`` also lists, on stderr, each weak action missed, each good action flagged and
the recall per category (whether the expected finding itself was given).
"""

import argparse
import sys
from pathlib import Path

from selfassess.plans.corpus import CORPUS, load_examples, score


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.plan_checker")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a corpus file to score")
    parser.add_argument("--verbose", action="store_true", help="list misses on stderr")
    args = parser.parse_args(argv)
    today, examples = load_examples(args.corpus)
    result = score(examples, today)
    print(result.line())
    if args.verbose:
        for example in result.missed:
            print(f"missed [{example.category}] {example.draft.title}", file=sys.stderr)
        for example, codes in result.wrongly_flagged:
            print(f"flagged {codes} {example.draft.title}", file=sys.stderr)
        for category, total in sorted(result.by_category.items()):
            got = result.caught_by_category[category]
            print(f"  {category}: {got}/{total}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
