#pragma once
// Private: matrix products for the network layers without any allocation.
//
// Eigen's `C.noalias() = A * B` allocates its packing buffers on every call; in the batch
// loop that costs fresh pages and page faults (a quarter of the run time, measured). Here
// the same Eigen GEMM kernel runs with packing buffers that the caller keeps (one per
// thread), so after the first batch nothing is allocated. With an Eigen older than 3.4 (a
// different internal interface) it falls back to the plain product.
#include <Eigen/Core>
#include <algorithm>

#include "vae/nn/types.hpp"

namespace vae::nn::detail {

// Packing space for one thread's products (a Vector<S>); grows to the largest product it
// has seen.
template <class S>
using GemmScratch = Vector<S>;

// A row-major operand: data, row stride, and whether to use it transposed.
template <class S>
struct Operand {
    const S* data;
    Eigen::Index stride;
    bool transposed;
};

// Rows of C^T one step of Eigen's kernel computes (48 floats with AVX-512). Splitting a
// product's output columns at multiples of this keeps every part on full kernel tiles; a
// part of 100 columns, say, would end in a slow 4-wide remainder.
template <class S>
constexpr int kernel_tile() {
#if EIGEN_VERSION_AT_LEAST(3, 4, 0)
    return int(Eigen::internal::gebp_traits<S, S>::mr);
#else
    return 16;
#endif
}

#if EIGEN_VERSION_AT_LEAST(3, 4, 0)

template <class S>
class PersistentBlocking : public Eigen::internal::level3_blocking<S, S> {
public:
    // Blocking for C (rows x cols, row-major) = A (rows x depth) B (depth x cols). Eigen
    // computes a row-major C as the column-major C^T = B^T A^T, hence m = cols, n = rows.
    PersistentBlocking(Eigen::Index rows, Eigen::Index cols, Eigen::Index depth, GemmScratch<S>& scratch) {
        this->m_mc = cols;
        this->m_nc = rows;
        this->m_kc = depth;
        Eigen::internal::computeProductBlockingSizes<S, S, 1>(this->m_kc, this->m_mc, this->m_nc, Eigen::Index(1));
        // The kernel loads packed blocks with aligned loads: start each on a 64-byte line.
        constexpr Eigen::Index align = 64 / Eigen::Index(sizeof(S));
        const Eigen::Index size_a = (this->m_mc * this->m_kc + align - 1) / align * align;
        const Eigen::Index size_b = this->m_kc * this->m_nc;
        if (scratch.size() < size_a + size_b) scratch.resize(size_a + size_b);
        this->m_blockA = scratch.data();
        this->m_blockB = scratch.data() + size_a;
    }
};

template <class S, int OrderA, int OrderB>
void run_gemm(Eigen::Index rows, Eigen::Index cols, Eigen::Index depth, const Operand<S>& a,
              const Operand<S>& b, S* c, Eigen::Index ldc, S alpha, GemmScratch<S>& scratch) {
    PersistentBlocking<S> blocking(rows, cols, depth, scratch);
    Eigen::internal::general_matrix_matrix_product<Eigen::Index, S, OrderA, false, S, OrderB, false,
                                                   Eigen::RowMajor, 1>::run(rows, cols, depth, a.data,
                                                                            a.stride, b.data, b.stride, c,
                                                                            1, ldc, alpha, blocking);
}

#endif

// C (rows x cols, row stride ldc) += alpha * op(A) * op(B), depth = the shared dimension.
// A transposed row-major matrix is the same memory read column-major.
template <class S>
void gemm_accumulate(Eigen::Index rows, Eigen::Index cols, Eigen::Index depth, const Operand<S>& a,
                     const Operand<S>& b, S* c, Eigen::Index ldc, S alpha, GemmScratch<S>& scratch) {
#if EIGEN_VERSION_AT_LEAST(3, 4, 0)
    constexpr int R = Eigen::RowMajor, C = Eigen::ColMajor;
    if (!a.transposed && !b.transposed) run_gemm<S, R, R>(rows, cols, depth, a, b, c, ldc, alpha, scratch);
    else if (a.transposed && !b.transposed) run_gemm<S, C, R>(rows, cols, depth, a, b, c, ldc, alpha, scratch);
    else if (!a.transposed && b.transposed) run_gemm<S, R, C>(rows, cols, depth, a, b, c, ldc, alpha, scratch);
    else run_gemm<S, C, C>(rows, cols, depth, a, b, c, ldc, alpha, scratch);
#else
    (void)scratch;
    using Strided = Eigen::Map<const RowMatrix<S>, Eigen::Unaligned, Eigen::OuterStride<>>;
    auto op = [](const Operand<S>& m, Eigen::Index r, Eigen::Index k) {
        return m.transposed ? Strided(m.data, k, r, Eigen::OuterStride<>(m.stride))
                            : Strided(m.data, r, k, Eigen::OuterStride<>(m.stride));
    };
    const Strided A = op(a, rows, depth), B = op(b, depth, cols);
    Eigen::Map<RowMatrix<S>, Eigen::Unaligned, Eigen::OuterStride<>> Cm(c, rows, cols, Eigen::OuterStride<>(ldc));
    if (a.transposed && b.transposed) Cm.noalias() += alpha * (A.transpose() * B.transpose());
    else if (a.transposed) Cm.noalias() += alpha * (A.transpose() * B);
    else if (b.transposed) Cm.noalias() += alpha * (A * B.transpose());
    else Cm.noalias() += alpha * (A * B);
#endif
}

}  // namespace vae::nn::detail
