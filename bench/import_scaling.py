"""``python -m bench.import_scaling``: the response import's reading cost grows linearly.

A 529 KB file of 60,000 columns once held a worker past 30 seconds, because repeated column
names were found with a ``list.count`` per column. This times the worst files the import
accepts (``core.limits``: 500 differently named columns, as many rows as fit in the size
limit, every cell an answer), at sizes n, 2n and 4n along each axis, and prints one line per
size::

    import_scaling axis=columns size=125 bytes=222k median_ms=... floor_ms=... ratio=...

What is timed is everything the import does with the file before anyone chooses anything:
``imports.read_csv`` (decoding, the dialect guess, reading every row within the limits, the
repeated-name check) and ``imports.answer_values`` over every column (the answers the next
page asks about). The floor, measured in the same run on the same bytes, is the least any
reader must spend: decoding them and ``list(csv.reader(...))``. The ratio is what to compare:
linear work keeps it about the same from n to 4n, quadratic work would multiply it by about
four at each doubling. One more line times refusing the 60,000-column file (30 seconds
and more before issue 13). The last line, ``growth``, is the ratio at 4n over the ratio at n per
axis; the run exits 1 if it is over 2 (the brief's bound for "linear" with noise).

No database is used: the import's reading is plain Python on bytes.
"""

import argparse
import csv
import io
import os
import statistics
import sys
import time

GROWTH_MAX = 2.0


def median_ms(run, repeat: int) -> float:
    run()  # warm-up
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def worst_file(columns: int, rows: int) -> bytes:
    """Differently named columns, every cell one of five answers, as a form tool exports."""
    header = ",".join(f"Question {i} about this organisation" for i in range(columns))
    lines = [header]
    for row in range(rows):
        lines.append(",".join(str((row + column) % 5 + 1) for column in range(columns)))
    return ("\n".join(lines) + "\n").encode()


def measure(raw: bytes, repeat: int) -> tuple[float, float]:
    from selfassess.reports import imports

    def service():
        sheet = imports.read_csv(raw)
        imports.answer_values(sheet, sheet.header)

    def floor():
        list(csv.reader(io.StringIO(raw.decode("utf-8"))))

    return median_ms(service, repeat), median_ms(floor, repeat)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.import_scaling")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per size")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from selfassess.core import limits
    from selfassess.reports import imports

    most_columns = limits.CSV_COLUMNS_MAX
    row_bytes = len(worst_file(most_columns, 1)) - len(worst_file(most_columns, 0))
    most_rows = (imports.MAX_BYTES - len(worst_file(most_columns, 0))) // row_bytes
    # columns at n, 2n, 4n with the rows fixed; rows at n, 2n, 4n with the columns at most
    axes = {
        "columns": [(most_columns // k, most_rows) for k in (4, 2, 1)],
        "rows": [(most_columns, most_rows // k) for k in (4, 2, 1)],
    }
    failed = False
    growth = {}
    for axis, shapes in axes.items():
        ratios = []
        for columns, rows in shapes:
            raw = worst_file(columns, rows)
            if len(raw) > imports.MAX_BYTES:
                raise SystemExit("the benchmark file must be one the import accepts")
            service_ms, floor_ms = measure(raw, args.repeat)
            ratio = service_ms / floor_ms
            ratios.append(ratio)
            size = columns if axis == "columns" else rows
            print(
                f"import_scaling axis={axis} size={size} columns={columns} rows={rows} "
                f"bytes={len(raw) // 1024}k median_ms={service_ms:.1f} "
                f"floor_ms={floor_ms:.1f} ratio={ratio:.2f}"
            )
        growth[axis] = ratios[-1] / ratios[0]
        failed = failed or growth[axis] > GROWTH_MAX
    wide = (",".join(f"c{i}" for i in range(60_000)) + "\n" + "1," * 59_999 + "1\n").encode()

    def refuse():
        try:
            imports.read_csv(wide)
        except imports.ImportInvalid:
            return
        raise SystemExit("the 60,000-column file must be refused")

    refuse_ms = median_ms(refuse, args.repeat)
    wide_floor_ms = median_ms(lambda: list(csv.reader(io.StringIO(wide.decode()))), args.repeat)
    print(
        f"import_scaling refused columns=60000 bytes={len(wide) // 1024}k "
        f"median_ms={refuse_ms:.1f} floor_ms={wide_floor_ms:.1f} "
        f"ratio={refuse_ms / wide_floor_ms:.2f}"
    )
    print(
        "import_scaling growth "
        + " ".join(f"{axis}_4n_over_n={value:.2f}" for axis, value in growth.items())
        + f" bound={GROWTH_MAX}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
