"""Command line: python -m funding build | export | check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import build as build_mod
from . import export, model
from .rawio import RawDataError

FORMATS = ("csv",)


def _cmd_build(args: argparse.Namespace) -> int:
    try:
        result = build_mod.build(out_dir=args.out)
    except (RawDataError, build_mod.BuildError) as exc:
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
    try:
        ds = model.load()
    except model.DataUnavailable as exc:
        print(f"export failed: {exc}", file=sys.stderr)
        return 1
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
    view = export.select(ds, args.year, args.region)
    payload = export.to_csv(view)
    if args.out:
        Path(args.out).write_bytes(payload)
        print(f"wrote {len(view)} rows to {args.out}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(payload)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    try:
        ds = model.load()
    except model.DataUnavailable as exc:
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
    p.add_argument("--format", choices=FORMATS, default="csv")
    p.add_argument("--year", type=int, action="append", default=[], help="repeatable; default all years")
    p.add_argument("--region", action="append", default=[], help="two-digit SCB code, repeatable")
    p.add_argument("--out", default=None, help="file to write (default standard output)")
    p.set_defaults(func=_cmd_export)
    p = sub.add_parser("check", help="load the curated data and verify checksums")
    p.set_defaults(func=_cmd_check)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
