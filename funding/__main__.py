"""Command line: python -m funding build | export | check."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from . import build as build_mod
from . import dataset, exports
from .analysis.filters import Filters
from .build import BuildError, RawDataError
from .vocabulary import STATUSES


def _cmd_build(args: argparse.Namespace) -> int:
    try:
        result = build_mod.build(out_dir=args.out)
    except (RawDataError, BuildError) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        print("Nothing was written; the previous curated data, if any, are unchanged.", file=sys.stderr)
        return 1
    rec = result.tables["reconciliation"]
    alloc = result.tables["allocations"]
    print(f"built {result.out_dir} (version {result.version}): {len(alloc)} allocation rows, "
          f"{len(rec)} reconciliation checks ({(rec['result'] == 'ok').sum()} exact, "
          f"{(rec['result'] == 'tolerated').sum()} tolerated and listed), "
          f"{len(result.tables['key_audit'])} key-audit rows")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else None
    if args.format in exports.BINARY_FORMATS and out is None and sys.stdout.isatty():
        print(f"export failed: {args.format} is a binary format; write it to a file with --out FILE (or a folder) "
              "or redirect standard output", file=sys.stderr)
        return 2
    try:
        ds = dataset.load()
    except dataset.DataUnavailable as exc:
        print(f"export failed: {exc}", file=sys.stderr)
        return 1
    # "1" as well as "01", as the address's region=1 (funding.analysis.filters): one leading zero is no typo.
    args.region = [r.zfill(2) if re.fullmatch(r"[0-9]", r) else r for r in args.region]
    unknown = [r for r in args.region if r not in ds.region_codes]
    if unknown:
        print(f"export failed: unknown region code(s) {', '.join(unknown)}; use two-digit SCB codes such as "
              f"01 (Stockholm) or 14 (Västra Götaland): {' '.join(ds.region_codes)}", file=sys.stderr)
        return 2
    years = sorted(set(ds.view["year"]))
    bad_years = [y for y in args.year if y not in years]
    if bad_years:
        print(f"export failed: no data for year(s) {bad_years}; the dataset covers {years}", file=sys.stderr)
        return 2
    if args.status:
        # The dashboard's selection, so a file from here matches the browser's: without the estimates a split's
        # decided total counts once, unsplit (dataset.select).
        # Decided money is always counted, as in the dashboard, whose choice is what to add to it: without this
        # `--status estimated --status announced` left out the decided rows that the same address shows.
        statuses = [s for s in STATUSES if s in args.status or s == "decided"]
        view = dataset.select(ds.view, Filters(region_codes=tuple(args.region)), years=args.year or None,
                              statuses=statuses)
    else:
        statuses = []  # every status: nothing chosen, nothing to name
        view = exports.select(ds, args.year, args.region)
    if view.empty:
        # Exit 0 (an empty selection is a valid answer), but say so: 2027 for one region wrote a header-only file
        # named "no years, all regions" without a word.
        chosen = "; ".join(f"{k}={','.join(map(str, v))}" for k, v in
                           (("year", args.year), ("region", args.region), ("status", statuses)) if v)
        hints = []
        if args.region:
            hints.append("amounts given only for the whole country have no region: leave out --region to include them")
        if statuses and "announced" not in statuses:
            hints.append("announced amounts need --status announced")
        print(f"export: no rows match the selection ({chosen or 'everything'}); the file holds only the header"
              + "".join(f". Note: {h}" for h in hints), file=sys.stderr)
    filters = {"year": args.year, "region": args.region, "status": statuses}
    prov = exports.provenance(ds, view, filters)
    payload = exports.payload(args.format, view, prov, args.lang)
    if out is not None:
        if out.is_dir():
            out = out / exports.file_name(args.format, view, prov.day, ds.region_codes, lang=args.lang,
                                          statuses=statuses, years=args.year,
                                          regions=(args.region or None) if view.empty else None)
        try:
            out.write_bytes(payload)
        except OSError as exc:
            print(f"export failed: cannot write {out} ({exc.strerror or exc})", file=sys.stderr)
            return 1
        print(f"wrote {len(view)} rows as {args.format} to {out} (dataset version {prov.version})", file=sys.stderr)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    try:
        ds = dataset.load()
    except dataset.DataUnavailable as exc:
        print(f"check failed: {exc}", file=sys.stderr)
        return 1
    print(f"curated data version {ds.version}, built {ds.built_at}: {len(ds.view)} rows")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m funding", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="validate data/raw and write data/curated (Parquet) and data/reports")
    p.add_argument("--out", type=Path, default=None, help="curated folder (default data/curated)")
    p.set_defaults(func=_cmd_build)
    p = sub.add_parser("export", help="write a snapshot of the curated allocations")
    p.add_argument("--format", choices=exports.FORMATS, default="csv",
                   help="excel-csv: Swedish Excel (BOM, semicolon, decimal comma); csv: the standard contract "
                        "(default); xlsx: workbook with an about sheet; datapackage: zip with data.csv, "
                        "datapackage.json and README")
    p.add_argument("--year", type=int, action="append", default=[], help="repeatable; default all years")
    p.add_argument("--region", action="append", default=[], help="two-digit SCB code, repeatable")
    p.add_argument("--status", action="append", default=[], choices=STATUSES,
                   help="repeatable; default every status. As the dashboard's 'amounts to show': decided amounts "
                        "are always included, the choice is what to add to them; without 'estimated', an estimated "
                        "split by region is one row of its decided total, not split")
    p.add_argument("--out", default=None,
                   help="file to write, or an existing folder to write a named file into (default standard output; "
                        "xlsx and datapackage refuse to write to a terminal)")
    p.add_argument("--lang", choices=("sv", "en"), default="sv",
                   help="language of the download: names of grants, streams and recipients in every format; "
                        "headers, coded values and texts in excel-csv, xlsx and the data package's README "
                        "(default sv)")
    p.set_defaults(func=_cmd_export)
    p = sub.add_parser("check", help="load the curated data and verify checksums")
    p.set_defaults(func=_cmd_check)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
