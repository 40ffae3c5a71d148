"""Opens a radome sweep store with xarray and checks it against radome's own decoding.

Usage: xarray-fidelity.py MANIFEST.json  (written by fidelity.test.ts); prints a JSON report.
The manifest gives, per sweep, radome's azimuths, elevations, times and gate axes, and per
moment the SHA-256 of radome's codes and a file with radome's value of every code.
"""
import hashlib
import json
import sys
import warnings

import numpy as np
import xarray as xr
import zarr

manifest = json.load(open(sys.argv[1]))
store = manifest["store"]
report = {"versions": {"xarray": xr.__version__, "zarr": zarr.__version__, "numpy": np.__version__}, "sweeps": [], "errors": []}


def fail(msg):
    report["errors"].append(msg)


with warnings.catch_warnings():
    # Codes 0 and 1 are both missing: xarray says so once per variable, as it should.
    warnings.filterwarnings("ignore", message=".*multiple fill values.*")
    root = xr.open_zarr(store, consolidated=True)
    # xarray's default open (consolidated=None) and zarr-python's open_consolidated find the
    # metadata in .zmetadata by themselves.
    first = manifest["sweeps"][0]
    by_default = xr.open_zarr(store, group=first["group"])
    if not np.array_equal(by_default["azimuth"].values, np.array(first["azimuth"], dtype=np.float32)):
        fail(f"xarray's default open of {first['group']} reads another azimuth")
    if [str(n) for n in zarr.open_consolidated(store, mode="r")["sweep_group_name"][:]] != [s["group"] for s in manifest["sweeps"]]:
        fail("zarr.open_consolidated reads another sweep_group_name")
    # A reader that ignores .zmetadata opens an array by its path from its own .zarray: zarr-python's
    # plain zarr.open, with the codes radome decoded.
    plain_var = next(m for m in first["moments"] if m["variable"] == "DBZH")
    try:
        plain = zarr.open(f"{store}/{first['group']}/DBZH", mode="r")
        plain_codes = np.ascontiguousarray(plain[:, : plain_var["gateCount"]])
        if not isinstance(plain, zarr.Array) or hashlib.sha256(plain_codes.tobytes()).hexdigest() != plain_var["codesSha256"]:
            fail(f"zarr.open of {first['group']}/DBZH without consolidated metadata reads other codes")
        if zarr.open_group(f"{store}/{first['group']}", mode="r").attrs.get("sweep_number") != 0:
            fail(f"zarr.open_group of {first['group']} without consolidated metadata reads another sweep_number")
    except Exception as e:  # a missing .zarray/.zgroup: the store opens only through .zmetadata
        fail(f"plain zarr.open of {first['group']}: {e!r}")
    names = [str(n) for n in root["sweep_group_name"].values]
    if names != [s["group"] for s in manifest["sweeps"]]:
        fail(f"sweep_group_name {names}")
    if root.attrs.get("instrument_name") != manifest["site"]:
        fail(f"instrument_name {root.attrs.get('instrument_name')}")
    for key in ("latitude", "longitude", "altitude"):
        if float(root[key].values) != manifest[key]:
            fail(f"{key} {float(root[key].values)} != {manifest[key]}")
    for i, want in enumerate(manifest["sweeps"]):
        g = want["group"]
        ds = xr.open_zarr(store, group=g, consolidated=True)
        raw = xr.open_zarr(store, group=g, consolidated=True, mask_and_scale=False)
        checked = {"group": g, "moments": [], "gates": 0}
        if ds.attrs.get("sweep_number") != i:
            fail(f"{g} sweep_number {ds.attrs.get('sweep_number')}")
        for name in ("azimuth", "elevation"):
            got = ds[name].values
            if got.dtype != np.float32 or not np.array_equal(got, np.array(want[name], dtype=np.float32)):
                fail(f"{g} {name} differs")
        # xarray decodes CF time to datetime64; radome's radial times are epoch milliseconds.
        # Compared in whole milliseconds and the rest: epoch nanoseconds exceed float64's exact range.
        ns = ds["time"].values.astype("datetime64[ns]").astype(np.int64)
        want_ms = np.array(want["time"], dtype=np.float64)
        whole = np.floor(want_ms)
        if not (np.array_equal(ns // 10**6, whole.astype(np.int64)) and np.allclose((ns % 10**6) / 1e6, want_ms - whole, rtol=0, atol=1e-6)):
            fail(f"{g} time differs")
        if "time" not in ds.coords or "elevation" not in ds.coords:
            fail(f"{g}: time and elevation are not coordinates")
        for m in want["moments"]:
            var = m["variable"]
            if var not in ds:
                fail(f"{g} has no {var}")
                continue
            dims = ds[var].dims
            rng = ds[dims[1]].values
            n = m["gateCount"]
            expected_range = m["firstGateM"] + np.arange(len(rng)) * m["gateSpacingM"]
            if dims[0] != "azimuth" or not np.array_equal(rng, expected_range.astype(np.float32)) or len(rng) < n:
                fail(f"{g} {var} range axis {dims} differs")
                continue
            codes = np.ascontiguousarray(raw[var].values[:, :n])
            if hashlib.sha256(codes.tobytes()).hexdigest() != m["codesSha256"]:
                fail(f"{g} {var} codes differ from radome's")
                continue
            table = np.fromfile(m["valuesFile"], dtype=np.float32)
            expected = np.full(raw[var].shape, np.nan, dtype=np.float64)
            expected[:, :n] = table[codes]
            got = ds[var].values.astype(np.float64)
            same_nan = np.array_equal(np.isnan(got), np.isnan(expected))
            close = np.allclose(got, expected, rtol=1e-6, atol=1e-6, equal_nan=True)
            if not (same_nan and close):
                bad = int(np.sum(~np.isclose(got, expected, rtol=1e-6, atol=1e-6, equal_nan=True)))
                fail(f"{g} {var}: {bad} gates differ from radome's values")
            units = ds[var].attrs.get("units")
            if units != m["units"]:
                fail(f"{g} {var} units {units}")
            checked["moments"].append(var)
            checked["gates"] += int(codes.size)
        report["sweeps"].append(checked)

print(json.dumps(report))
