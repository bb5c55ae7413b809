#!/usr/bin/env python3
"""Makes a large FlexNet debug log for benchmarks: copies of a real log, one after another, each copy's dates
shifted later by whole weeks (so weekday names stay right), until the output reaches the size asked for.

    scripts/make-big-flexlm-log.py SAMPLE.log OUTPUT.log [MEGABYTES]   (default 512)

Every date a FlexNet log prints is shifted: `TIMESTAMP 6/9/2022`, `started on host (...) (6/9/2022)` and the
`Thu Jun 09 2022` form of `Server's System Date and Time:` and the SLOG lines. Each copy starts with the sample's
own `lmgrd` start, so the parser sees a server restart between copies, as on a real server.
"""
import datetime
import re
import sys

NUMERIC = re.compile(rb"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
SPELLED = re.compile(rb"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{2}) (\d{4})\b")
MONTHS = [b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"]
DAYS = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"]


def pieces(text):
    """The sample cut into literal bytes and dates: [(bytes, None) | (None, (date, form))]."""
    found = []
    for match in NUMERIC.finditer(text):
        month, day, year = (int(g) for g in match.groups())
        found.append((match.start(), match.end(), datetime.date(year, month, day), "numeric"))
    for match in SPELLED.finditer(text):
        month = MONTHS.index(match.group(2)) + 1
        found.append((match.start(), match.end(), datetime.date(int(match.group(4)), month, int(match.group(3))),
                      "spelled"))
    found.sort()
    result, at = [], 0
    for start, end, date, form in found:
        result.append((text[at:start], None))
        result.append((None, (date, form)))
        at = end
    result.append((text[at:], None))
    return result


def render(date, form):
    if form == "numeric":
        return b"%d/%d/%d" % (date.month, date.day, date.year)
    return b"%s %s %02d %d" % (DAYS[date.weekday()], MONTHS[date.month - 1], date.day, date.year)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: make-big-flexlm-log.py SAMPLE.log OUTPUT.log [MEGABYTES]")
    sample, output = sys.argv[1], sys.argv[2]
    target = int(sys.argv[3] if len(sys.argv) == 4 else 512) * 1024 * 1024
    text = open(sample, "rb").read()
    if text.startswith(b"\xef\xbb\xbf"):
        text = text[3:]
    parts = pieces(text)
    dates = [p[1][0] for p in parts if p[1]]
    if not dates:
        sys.exit(f"{sample}: no dates found; is it a FlexNet debug log?")
    weeks = ((max(dates) - min(dates)).days // 7) + 1
    written, copy = 0, 0
    with open(output, "wb") as out:
        while written < target:
            shift = datetime.timedelta(weeks=weeks * copy)
            chunk = b"".join(literal if literal is not None else render(d[0] + shift, d[1]) for literal, d in parts)
            out.write(chunk)
            written += len(chunk)
            copy += 1
    last = max(dates) + datetime.timedelta(weeks=weeks * (copy - 1))
    print(f"{output}: {written / 1024 / 1024:.0f} MiB, {copy} copies of {sample}, {min(dates)} to {last}")


if __name__ == "__main__":
    main()
