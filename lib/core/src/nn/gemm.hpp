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

// Blocking that depends on the product's shape only. Eigen's own choice
// (computeProductBlockingSizes) reads the CPU's cache sizes at run time and, through the
// kernel's tile, its instruction set; where it cuts the depth into sweeps, each output is a
// sum of per-sweep partial sums, so a 32 KiB L1 and a 48 KiB one gave different bits for the
// same float product (measured: tests/unit/core/test_nn_blocking.cpp). Fixed sizes make the order
// of every sum a function of the shape alone.
//
//   kc (depth per sweep): the whole depth up to kMaxDepthBlock, else the depth cut into the
//      fewest near-equal sweeps of at most kMaxDepthBlock, rounded up to the kernel's depth
//      unroll of 8. A depth-784 product runs as 200 + 200 + 200 + 184.
//   mc (output columns per packed block of weights): a multiple of 48, the largest kernel
//      tile of any instruction set, sized so the packed block stays near 256 KiB (an L2 on
//      every x86-64 CPU of the last decade holds it).
//   nc (batch rows per packed block): up to 4 MiB of packed rows.
// mc and nc only choose which outputs are computed together; kc alone decides the order of
// additions.
struct FixedBlockingSizes {
    static constexpr Eigen::Index kMaxDepthBlock = 256;
    static constexpr Eigen::Index kDepthUnroll = 8;
    static constexpr Eigen::Index kTileMultiple = 48;
    static constexpr Eigen::Index kPackedWeightBytes = 256 * 1024;
    static constexpr Eigen::Index kPackedRowBytes = 4 * 1024 * 1024;

    static Eigen::Index depth_block(Eigen::Index depth) {
        if (depth <= kMaxDepthBlock) return std::max<Eigen::Index>(depth, 1);
        const Eigen::Index sweeps = (depth + kMaxDepthBlock - 1) / kMaxDepthBlock;
        const Eigen::Index even = (depth + sweeps - 1) / sweeps;
        return (even + kDepthUnroll - 1) / kDepthUnroll * kDepthUnroll;
    }
    template <class S>
    static Eigen::Index column_block(Eigen::Index cols, Eigen::Index kc) {
        const Eigen::Index fit = kPackedWeightBytes / (kc * Eigen::Index(sizeof(S)));
        const Eigen::Index tiles = std::max<Eigen::Index>(fit / kTileMultiple, 1) * kTileMultiple;
        return std::max<Eigen::Index>(std::min(cols, tiles), 1);
    }
    template <class S>
    static Eigen::Index row_block(Eigen::Index rows, Eigen::Index kc) {
        const Eigen::Index fit = kPackedRowBytes / (kc * Eigen::Index(sizeof(S)));
        const Eigen::Index multiple = std::max<Eigen::Index>(fit / kDepthUnroll, 1) * kDepthUnroll;
        return std::max<Eigen::Index>(std::min(rows, multiple), 1);
    }
};

template <class S>
class PersistentBlocking : public Eigen::internal::level3_blocking<S, S> {
public:
    // Blocking for C (rows x cols, row-major) = A (rows x depth) B (depth x cols). Eigen
    // computes a row-major C as the column-major C^T = B^T A^T, hence m = cols, n = rows.
    PersistentBlocking(Eigen::Index rows, Eigen::Index cols, Eigen::Index depth, GemmScratch<S>& scratch) {
        this->m_kc = FixedBlockingSizes::depth_block(depth);
        this->m_mc = FixedBlockingSizes::column_block<S>(cols, this->m_kc);
        this->m_nc = FixedBlockingSizes::row_block<S>(rows, this->m_kc);
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
                                                                            a.stride, b.data, b.stride, c, 1,
                                                                            ldc, alpha, blocking);
}

#endif

// C (rows x cols, row stride ldc) += alpha * op(A) * op(B), depth = the shared dimension.
// A transposed row-major matrix is the same memory read column-major.
template <class S>
void gemm_accumulate(Eigen::Index rows, Eigen::Index cols, Eigen::Index depth, const Operand<S>& a,
                     const Operand<S>& b, S* c, Eigen::Index ldc, S alpha, GemmScratch<S>& scratch) {
#if EIGEN_VERSION_AT_LEAST(3, 4, 0)
    constexpr int R = Eigen::RowMajor, C = Eigen::ColMajor;
    if (!a.transposed && !b.transposed)
        run_gemm<S, R, R>(rows, cols, depth, a, b, c, ldc, alpha, scratch);
    else if (a.transposed && !b.transposed)
        run_gemm<S, C, R>(rows, cols, depth, a, b, c, ldc, alpha, scratch);
    else if (!a.transposed && b.transposed)
        run_gemm<S, R, C>(rows, cols, depth, a, b, c, ldc, alpha, scratch);
    else
        run_gemm<S, C, C>(rows, cols, depth, a, b, c, ldc, alpha, scratch);
#else
    (void)scratch;
    using Strided = Eigen::Map<const RowMatrix<S>, Eigen::Unaligned, Eigen::OuterStride<> >;
    auto op = [](const Operand<S>& m, Eigen::Index r, Eigen::Index k) {
        return m.transposed ? Strided(m.data, k, r, Eigen::OuterStride<>(m.stride))
                            : Strided(m.data, r, k, Eigen::OuterStride<>(m.stride));
    };
    const Strided A = op(a, rows, depth), B = op(b, depth, cols);
    Eigen::Map<RowMatrix<S>, Eigen::Unaligned, Eigen::OuterStride<> > Cm(c, rows, cols,
                                                                         Eigen::OuterStride<>(ldc));
    if (a.transposed && b.transposed)
        Cm.noalias() += alpha * (A.transpose() * B.transpose());
    else if (a.transposed)
        Cm.noalias() += alpha * (A.transpose() * B);
    else if (b.transposed)
        Cm.noalias() += alpha * (A * B.transpose());
    else
        Cm.noalias() += alpha * (A * B);
#endif
}

}  // namespace vae::nn::detail
