"""Check the OpenBLAS shim (openblas_shim.c) before it replaces OpenCV's OpenBLAS in the bundle.

    python installer/linux/check_openblas_shim.py SHIM.so

Run with the build's Python (NumPy and opencv-python-headless installed). Two parts:

1. Each of the 17 routines, called through ctypes with 32-bit integers as
   OpenCV calls them, on matrices large enough to be real work, against NumPy.
2. OpenCV itself, loaded from a copy of the wheel whose OpenBLAS is the shim:
   ``cv2.gemm``, ``cv2.solve`` (LU, Cholesky, QR, SVD), ``cv2.SVDecomp`` and
   ``cv2.determinant`` on matrices past OpenCV's small-matrix thresholds,
   where it calls LAPACK, against NumPy.

Prints one line per check and exits 1 on the first wrong answer.
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROW_MAJOR, NO_TRANS = 101, 111
RNG = np.random.default_rng(7)


def _i(value: int) -> ctypes.c_int:
    return ctypes.c_int(value)


def _p(array: np.ndarray) -> ctypes.c_void_p:
    return ctypes.c_void_p(array.ctypes.data)


def _ref(value: ctypes._SimpleCData) -> ctypes._CArgObject:
    return ctypes.byref(value)


def _close(name: str, got: np.ndarray, want: np.ndarray, tolerance: float) -> None:
    error = float(np.max(np.abs(np.asarray(got) - np.asarray(want))) / max(1.0, float(np.max(np.abs(want)))))
    if not error <= tolerance:
        sys.exit(f"openblas shim: {name} is wrong (relative error {error:.2e})")
    print(f"ok {name} (relative error {error:.1e})")


def _tolerance(dtype: type) -> float:
    return 1e-3 if dtype in (np.float32, np.complex64) else 1e-9


def check_routines(shim: ctypes.CDLL) -> None:
    n = 160
    for prefix, dtype, scalar in (("s", np.float32, ctypes.c_float), ("d", np.float64, ctypes.c_double)):
        a = RNG.standard_normal((n, n)).astype(dtype)
        b = RNG.standard_normal((n, 3)).astype(dtype)
        tol = _tolerance(dtype)

        c = np.zeros((n, n), dtype)
        getattr(shim, f"cblas_{prefix}gemm")(ROW_MAJOR, NO_TRANS, NO_TRANS, n, n, n, scalar(1.5), _p(a), n, _p(a), n,
                                             scalar(0.0), _p(c), n)
        _close(f"cblas_{prefix}gemm", c, 1.5 * (a.astype(np.float64) @ a), tol)

        lu, ipiv, info = np.asfortranarray(a.copy()), np.zeros(n, np.int32), ctypes.c_int(-1)
        getattr(shim, f"{prefix}getrf_")(_ref(_i(n)), _ref(_i(n)), _p(lu), _ref(_i(n)), _p(ipiv), _ref(info))
        swaps = int(np.sum(ipiv != np.arange(1, n + 1)))
        det_sign = (-1) ** swaps * np.prod(np.sign(np.diag(lu)))
        log_det = np.sum(np.log(np.abs(np.diag(lu).astype(np.float64))))
        sign, want_log_det = np.linalg.slogdet(a.astype(np.float64))
        if info.value != 0 or det_sign != sign:
            sys.exit(f"openblas shim: {prefix}getrf_ info {info.value}, determinant sign {det_sign} not {sign}")
        _close(f"{prefix}getrf_", np.array([log_det]), np.array([want_log_det]), tol)

        lhs, rhs, info = np.asfortranarray(a.copy()), np.asfortranarray(b.copy()), ctypes.c_int(-1)
        getattr(shim, f"{prefix}gesv_")(_ref(_i(n)), _ref(_i(3)), _p(lhs), _ref(_i(n)), _p(np.zeros(n, np.int32)),
                                        _p(rhs), _ref(_i(n)), _ref(info))
        _close(f"{prefix}gesv_", rhs, np.linalg.solve(a.astype(np.float64), b), tol * 10)

        spd = (a @ a.T + n * np.eye(n)).astype(dtype)
        chol, info = np.asfortranarray(spd.copy()), ctypes.c_int(-1)
        getattr(shim, f"{prefix}potrf_")(b"L", _ref(_i(n)), _p(chol), _ref(_i(n)), _ref(info))
        _close(f"{prefix}potrf_", np.tril(chol), np.linalg.cholesky(spd.astype(np.float64)), tol)

        lhs, rhs, info = np.asfortranarray(spd.copy()), np.asfortranarray(b.copy()), ctypes.c_int(-1)
        getattr(shim, f"{prefix}posv_")(b"L", _ref(_i(n)), _ref(_i(3)), _p(lhs), _ref(_i(n)), _p(rhs), _ref(_i(n)),
                                        _ref(info))
        _close(f"{prefix}posv_", rhs, np.linalg.solve(spd.astype(np.float64), b), tol)

        tall = RNG.standard_normal((2 * n, n)).astype(dtype)
        qr, tau, info = np.asfortranarray(tall.copy()), np.zeros(n, dtype), ctypes.c_int(-1)
        work = np.zeros(64 * n, dtype)
        getattr(shim, f"{prefix}geqrf_")(_ref(_i(2 * n)), _ref(_i(n)), _p(qr), _ref(_i(2 * n)), _p(tau), _p(work),
                                         _ref(_i(work.size)), _ref(info))
        want_r = np.linalg.qr(tall.astype(np.float64), mode="r")
        _close(f"{prefix}geqrf_", np.abs(np.triu(qr[:n])), np.abs(want_r), tol)

        target, info = RNG.standard_normal((2 * n, 1)).astype(dtype), ctypes.c_int(-1)
        lhs = np.asfortranarray(tall.copy())
        rhs = np.asfortranarray(target.copy())
        getattr(shim, f"{prefix}gels_")(b"N", _ref(_i(2 * n)), _ref(_i(n)), _ref(_i(1)), _p(lhs), _ref(_i(2 * n)),
                                        _p(rhs), _ref(_i(2 * n)), _p(work), _ref(_i(work.size)), _ref(info))
        want = np.linalg.lstsq(tall.astype(np.float64), target.astype(np.float64), rcond=None)[0]
        _close(f"{prefix}gels_", rhs[:n], want, tol * 10)

        m = 120
        matrix = RNG.standard_normal((m, m)).astype(dtype)
        svd, s = np.asfortranarray(matrix.copy()), np.zeros(m, dtype)
        u, vt = np.zeros((m, m), dtype, "F"), np.zeros((m, m), dtype, "F")
        query, info = np.zeros(1, dtype), ctypes.c_int(-1)
        iwork = np.zeros(8 * m, np.int32)
        gesdd = getattr(shim, f"{prefix}gesdd_")
        gesdd(b"A", _ref(_i(m)), _ref(_i(m)), _p(svd), _ref(_i(m)), _p(s), _p(u), _ref(_i(m)),
              _p(vt), _ref(_i(m)), _p(query), _ref(_i(-1)), _p(iwork), _ref(info))
        work = np.zeros(int(query[0]) + 1, dtype)
        gesdd(b"A", _ref(_i(m)), _ref(_i(m)), _p(svd), _ref(_i(m)), _p(s), _p(u), _ref(_i(m)),
              _p(vt), _ref(_i(m)), _p(work), _ref(_i(work.size)), _p(iwork), _ref(info))
        _close(f"{prefix}gesdd_", s, np.linalg.svd(matrix.astype(np.float64), compute_uv=False), tol)

    for prefix, dtype, tol in (("c", np.complex64, 1e-3), ("z", np.complex128, 1e-9)):
        a = (RNG.standard_normal((n, n)) + 1j * RNG.standard_normal((n, n))).astype(dtype)
        c = np.zeros((n, n), dtype)
        alpha, beta = np.array([2 - 1j], dtype), np.array([0], dtype)
        getattr(shim, f"cblas_{prefix}gemm")(ROW_MAJOR, NO_TRANS, NO_TRANS, n, n, n, _p(alpha), _p(a), n, _p(a), n,
                                             _p(beta), _p(c), n)
        _close(f"cblas_{prefix}gemm", c, (2 - 1j) * (a.astype(np.complex128) @ a), tol)

    n = 100
    a = RNG.standard_normal((n, n))
    geev, wr, wi, info = np.asfortranarray(a.copy()), np.zeros(n), np.zeros(n), ctypes.c_int(-1)
    dummy = np.zeros((1, 1))
    work = np.zeros(8 * n)
    shim.dgeev_(b"N", b"N", _ref(_i(n)), _p(geev), _ref(_i(n)), _p(wr), _p(wi), _p(dummy), _ref(_i(1)), _p(dummy),
                _ref(_i(1)), _p(work), _ref(_i(work.size)), _ref(info))
    got = np.sort_complex(wr + 1j * wi)
    _close("dgeev_", got, np.sort_complex(np.linalg.eigvals(a)), 1e-8)


OPENCV_CHECK = r"""
import sys
sys.path.insert(0, sys.argv[1])
import numpy as np
import cv2
assert cv2.__file__.startswith(sys.argv[1]), cv2.__file__
maps = open("/proc/self/maps").read()
assert sys.argv[2] in maps, "OpenCV did not load the shim"
rng = np.random.default_rng(3)
def close(name, got, want, tol):
    err = float(np.max(np.abs(got - want)) / max(1.0, float(np.max(np.abs(want)))))
    assert err <= tol, f"{name}: relative error {err:.2e}"
    print(f"ok cv2.{name} (relative error {err:.1e})")
n = 300
for dtype, tol in ((np.float32, 1e-3), (np.float64, 1e-9)):
    a = rng.standard_normal((n, n)).astype(dtype)
    b = rng.standard_normal((n, 2)).astype(dtype)
    close(f"gemm {dtype.__name__}", cv2.gemm(a, a, 1.0, None, 0.0), a.astype(np.float64) @ a, tol)
    for flag, name in ((cv2.DECOMP_LU, "LU"), (cv2.DECOMP_SVD, "SVD"), (cv2.DECOMP_QR, "QR")):
        ok, x = cv2.solve(a, b, flags=flag)
        assert ok, name
        close(f"solve {name} {dtype.__name__}", x, np.linalg.solve(a.astype(np.float64), b), tol * 100)
    spd = (a @ a.T + n * np.eye(n)).astype(dtype)
    ok, x = cv2.solve(spd, b, flags=cv2.DECOMP_CHOLESKY)
    assert ok
    close(f"solve Cholesky {dtype.__name__}", x, np.linalg.solve(spd.astype(np.float64), b), tol)
    w, u, vt = cv2.SVDecomp(a)
    close(f"SVDecomp {dtype.__name__}", w.ravel(), np.linalg.svd(a.astype(np.float64), compute_uv=False), tol)
    small = rng.standard_normal((150, 150)).astype(dtype)
    close(f"determinant {dtype.__name__}", np.array([np.log(abs(cv2.determinant(small)))]),
          np.array([np.linalg.slogdet(small.astype(np.float64))[1]]), tol)
"""


def check_opencv(shim_path: Path) -> None:
    import cv2

    package = Path(cv2.__file__).parent
    libs = package.parent / "opencv_python_headless.libs"
    with tempfile.TemporaryDirectory(prefix="kiosk-shim-") as folder:
        root = Path(folder)
        shutil.copytree(package, root / "cv2", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(libs, root / libs.name)
        [original] = (root / libs.name).glob("libopenblas*")
        shutil.copyfile(shim_path, original)
        result = subprocess.run([sys.executable, "-c", OPENCV_CHECK, str(root), str(original)], check=False)
        if result.returncode != 0:
            sys.exit("openblas shim: OpenCV gave wrong answers through it")


def main() -> None:
    shim_path = Path(sys.argv[1]).resolve()
    check_routines(ctypes.CDLL(str(shim_path)))
    check_opencv(shim_path)


if __name__ == "__main__":
    main()
