/*
 * One OpenBLAS in the Linux bundle instead of two.
 *
 * opencv-python-headless links its own 32-bit-integer (LP64) OpenBLAS, 39 MB with
 * its libgfortran, only for the 17 BLAS/LAPACK routines below; NumPy ships a
 * 64-bit-integer (ILP64) OpenBLAS whose symbols carry the prefix scipy_ and the
 * suffix 64_. installer/build-linux.sh compiles this file into a small library
 * with the file name and SONAME of OpenCV's copy, linked to NumPy's, and puts it
 * in the copy's place. Each routine widens its integer arguments (and the pivot
 * and work arrays of integers) to 64 bits, calls NumPy's routine, and narrows
 * the results back.
 *
 * OpenCV calls these only for matrices past its own small-matrix thresholds
 * (the kiosk's solvePnP and colour conversions never reach them); the build
 * script checks every routine against NumPy on large matrices before it
 * packages anything (installer/linux/check_openblas_shim.py).
 *
 * LAPACK's character arguments get their hidden Fortran length (1) appended,
 * as gfortran-compiled routines expect; OpenCV passes none.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef int64_t blasint64;

/* -------------------------------------------------------------- BLAS: gemm */

#define GEMM(T, ALPHA_T, NAME, TARGET)                                                        \
    void TARGET(int order, int trans_a, int trans_b, blasint64 m, blasint64 n, blasint64 k,   \
                ALPHA_T alpha, const T *a, blasint64 lda, const T *b, blasint64 ldb,            \
                ALPHA_T beta, T *c, blasint64 ldc);                                           \
    void NAME(int order, int trans_a, int trans_b, int m, int n, int k, ALPHA_T alpha,        \
              const T *a, int lda, const T *b, int ldb, ALPHA_T beta, T *c, int ldc)          \
    {                                                                                         \
        TARGET(order, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);        \
    }

GEMM(float, float, cblas_sgemm, scipy_cblas_sgemm64_)
GEMM(double, double, cblas_dgemm, scipy_cblas_dgemm64_)
GEMM(void, const void *, cblas_cgemm, scipy_cblas_cgemm64_)
GEMM(void, const void *, cblas_zgemm, scipy_cblas_zgemm64_)

/* ---------------------------------------------------------- LAPACK helpers */

/* Room for an output array of 64-bit integers (pivots, integer work space): at least one. */
static blasint64 *wide_array(blasint64 count)
{
    return malloc((size_t)(count > 0 ? count : 1) * sizeof(blasint64));
}

static void narrow(int *values, const blasint64 *wide, blasint64 count)
{
    if (wide != NULL && values != NULL)
        for (blasint64 i = 0; i < count; i++)
            values[i] = (int)wide[i];
}

static blasint64 smaller(blasint64 a, blasint64 b) { return a < b ? a : b; }

/* LAPACK's own "illegal value" code for an allocation failure is not defined;
 * -1000 tells OpenCV the call failed without naming an argument. */
#define OUT_OF_MEMORY (-1000)

/* ----------------------------------------------------- LU: getrf and gesv */

#define GETRF(T, NAME, TARGET)                                                                 \
    void TARGET(const blasint64 *m, const blasint64 *n, T *a, const blasint64 *lda,            \
                blasint64 *ipiv, blasint64 *info);                                             \
    void NAME(const int *m, const int *n, T *a, const int *lda, int *ipiv, int *info)          \
    {                                                                                          \
        blasint64 m64 = *m, n64 = *n, lda64 = *lda, info64 = 0, count = smaller(m64, n64);     \
        blasint64 *ipiv64 = wide_array(count);                                \
        if (ipiv64 == NULL) { *info = OUT_OF_MEMORY; return; }                                 \
        TARGET(&m64, &n64, a, &lda64, ipiv64, &info64);                                        \
        narrow(ipiv, ipiv64, count);                                                           \
        free(ipiv64);                                                                          \
        *info = (int)info64;                                                                   \
    }

GETRF(float, sgetrf_, scipy_sgetrf_64_)
GETRF(double, dgetrf_, scipy_dgetrf_64_)

#define GESV(T, NAME, TARGET)                                                                  \
    void TARGET(const blasint64 *n, const blasint64 *nrhs, T *a, const blasint64 *lda,         \
                blasint64 *ipiv, T *b, const blasint64 *ldb, blasint64 *info);                 \
    void NAME(const int *n, const int *nrhs, T *a, const int *lda, int *ipiv, T *b,            \
              const int *ldb, int *info)                                                       \
    {                                                                                          \
        blasint64 n64 = *n, nrhs64 = *nrhs, lda64 = *lda, ldb64 = *ldb, info64 = 0;            \
        blasint64 *ipiv64 = wide_array(n64);                                    \
        if (ipiv64 == NULL) { *info = OUT_OF_MEMORY; return; }                                 \
        TARGET(&n64, &nrhs64, a, &lda64, ipiv64, b, &ldb64, &info64);                          \
        narrow(ipiv, ipiv64, n64);                                                             \
        free(ipiv64);                                                                          \
        *info = (int)info64;                                                                   \
    }

GESV(float, sgesv_, scipy_sgesv_64_)
GESV(double, dgesv_, scipy_dgesv_64_)

/* ------------------------------------------------- Cholesky: potrf and posv */

#define POTRF(T, NAME, TARGET)                                                                 \
    void TARGET(const char *uplo, const blasint64 *n, T *a, const blasint64 *lda,              \
                blasint64 *info, size_t uplo_len);                                             \
    void NAME(const char *uplo, const int *n, T *a, const int *lda, int *info)                 \
    {                                                                                          \
        blasint64 n64 = *n, lda64 = *lda, info64 = 0;                                          \
        TARGET(uplo, &n64, a, &lda64, &info64, 1);                                             \
        *info = (int)info64;                                                                   \
    }

POTRF(float, spotrf_, scipy_spotrf_64_)
POTRF(double, dpotrf_, scipy_dpotrf_64_)

#define POSV(T, NAME, TARGET)                                                                  \
    void TARGET(const char *uplo, const blasint64 *n, const blasint64 *nrhs, T *a,             \
                const blasint64 *lda, T *b, const blasint64 *ldb, blasint64 *info,             \
                size_t uplo_len);                                                              \
    void NAME(const char *uplo, const int *n, const int *nrhs, T *a, const int *lda, T *b,     \
              const int *ldb, int *info)                                                       \
    {                                                                                          \
        blasint64 n64 = *n, nrhs64 = *nrhs, lda64 = *lda, ldb64 = *ldb, info64 = 0;            \
        TARGET(uplo, &n64, &nrhs64, a, &lda64, b, &ldb64, &info64, 1);                         \
        *info = (int)info64;                                                                   \
    }

POSV(float, sposv_, scipy_sposv_64_)
POSV(double, dposv_, scipy_dposv_64_)

/* -------------------------------------------------- QR: geqrf and gels */

#define GEQRF(T, NAME, TARGET)                                                                 \
    void TARGET(const blasint64 *m, const blasint64 *n, T *a, const blasint64 *lda, T *tau,    \
                T *work, const blasint64 *lwork, blasint64 *info);                             \
    void NAME(const int *m, const int *n, T *a, const int *lda, T *tau, T *work,               \
              const int *lwork, int *info)                                                     \
    {                                                                                          \
        blasint64 m64 = *m, n64 = *n, lda64 = *lda, lwork64 = *lwork, info64 = 0;              \
        TARGET(&m64, &n64, a, &lda64, tau, work, &lwork64, &info64);                           \
        *info = (int)info64;                                                                   \
    }

GEQRF(float, sgeqrf_, scipy_sgeqrf_64_)
GEQRF(double, dgeqrf_, scipy_dgeqrf_64_)

#define GELS(T, NAME, TARGET)                                                                  \
    void TARGET(const char *trans, const blasint64 *m, const blasint64 *n,                     \
                const blasint64 *nrhs, T *a, const blasint64 *lda, T *b, const blasint64 *ldb, \
                T *work, const blasint64 *lwork, blasint64 *info, size_t trans_len);           \
    void NAME(const char *trans, const int *m, const int *n, const int *nrhs, T *a,            \
              const int *lda, T *b, const int *ldb, T *work, const int *lwork, int *info)      \
    {                                                                                          \
        blasint64 m64 = *m, n64 = *n, nrhs64 = *nrhs, lda64 = *lda, ldb64 = *ldb;              \
        blasint64 lwork64 = *lwork, info64 = 0;                                                \
        TARGET(trans, &m64, &n64, &nrhs64, a, &lda64, b, &ldb64, work, &lwork64, &info64, 1);  \
        *info = (int)info64;                                                                   \
    }

GELS(float, sgels_, scipy_sgels_64_)
GELS(double, dgels_, scipy_dgels_64_)

/* ------------------------------------------------------------- SVD: gesdd */

#define GESDD(T, NAME, TARGET)                                                                 \
    void TARGET(const char *jobz, const blasint64 *m, const blasint64 *n, T *a,                \
                const blasint64 *lda, T *s, T *u, const blasint64 *ldu, T *vt,                 \
                const blasint64 *ldvt, T *work, const blasint64 *lwork, blasint64 *iwork,      \
                blasint64 *info, size_t jobz_len);                                             \
    void NAME(const char *jobz, const int *m, const int *n, T *a, const int *lda, T *s, T *u,  \
              const int *ldu, T *vt, const int *ldvt, T *work, const int *lwork, int *iwork,   \
              int *info)                                                                       \
    {                                                                                          \
        blasint64 m64 = *m, n64 = *n, lda64 = *lda, ldu64 = *ldu, ldvt64 = *ldvt;              \
        blasint64 lwork64 = *lwork, info64 = 0, count = 8 * smaller(m64, n64);                 \
        blasint64 *iwork64 = wide_array(count);                               \
        if (iwork64 == NULL) { *info = OUT_OF_MEMORY; return; }                                \
        TARGET(jobz, &m64, &n64, a, &lda64, s, u, &ldu64, vt, &ldvt64, work, &lwork64,         \
               iwork64, &info64, 1);                                                           \
        narrow(iwork, iwork64, count);                                                         \
        free(iwork64);                                                                         \
        *info = (int)info64;                                                                   \
    }

GESDD(float, sgesdd_, scipy_sgesdd_64_)
GESDD(double, dgesdd_, scipy_dgesdd_64_)

/* ----------------------------------------------------- eigenvalues: dgeev */

void scipy_dgeev_64_(const char *jobvl, const char *jobvr, const blasint64 *n, double *a,
                     const blasint64 *lda, double *wr, double *wi, double *vl,
                     const blasint64 *ldvl, double *vr, const blasint64 *ldvr, double *work,
                     const blasint64 *lwork, blasint64 *info, size_t jobvl_len, size_t jobvr_len);

void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda,
            double *wr, double *wi, double *vl, const int *ldvl, double *vr, const int *ldvr,
            double *work, const int *lwork, int *info)
{
    blasint64 n64 = *n, lda64 = *lda, ldvl64 = *ldvl, ldvr64 = *ldvr, lwork64 = *lwork, info64 = 0;
    scipy_dgeev_64_(jobvl, jobvr, &n64, a, &lda64, wr, wi, vl, &ldvl64, vr, &ldvr64, work, &lwork64,
                    &info64, 1, 1);
    *info = (int)info64;
}
