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
#include <cstdint>

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

// ---- one product split between threads, its batch side packed once --------------------------
//
// When a product's output columns are split into parts (model.cpp), every part needs all of
// op(A), the batch-side operand (the layer input X, X^T, or dY), and run_gemm packs it again
// in each part: with four parts, four copies of the batch per product. Here op(A) is packed
// once (pack_batch_side) and every part reads it (gemm_with_packed_batch). The loops, block
// sizes and kernel calls are those of Eigen's sequential product with PersistentBlocking, so
// each output gets the same additions in the same order: the same bits as gemm_accumulate.

// Eigen's pieces for C^T = op(B)^T op(A)^T, the column-major product it computes for a
// row-major C (GeneralMatrixMatrix.h): its "lhs" is op(B)^T (cols x depth) and its "rhs" is
// op(A)^T (depth x rows).
template <class S, int OrderA, int OrderB>
struct GemmPieces {
    using Index = Eigen::Index;
    using Traits = Eigen::internal::gebp_traits<S, S>;
    static constexpr int kLhsOrder = OrderB == Eigen::RowMajor ? Eigen::ColMajor : Eigen::RowMajor;
    static constexpr int kRhsOrder = OrderA == Eigen::RowMajor ? Eigen::ColMajor : Eigen::RowMajor;
    using LhsMapper = Eigen::internal::const_blas_data_mapper<S, Index, kLhsOrder>;
    using RhsMapper = Eigen::internal::const_blas_data_mapper<S, Index, kRhsOrder>;
    using ResMapper = Eigen::internal::blas_data_mapper<S, Index, Eigen::ColMajor, Eigen::Unaligned, 1>;
    using PackLhs = Eigen::internal::gemm_pack_lhs<S, Index, LhsMapper, Traits::mr, Traits::LhsProgress,
                                                   typename Traits::LhsPacket4Packing, kLhsOrder>;
    using PackRhs = Eigen::internal::gemm_pack_rhs<S, Index, RhsMapper, Traits::nr, kRhsOrder>;
    using Kernel = Eigen::internal::gebp_kernel<S, S, Index, ResMapper, Traits::mr, Traits::nr, false, false>;
};

// Where the packed block of sweep k2 (depth rows k2.., kc of them) and batch rows j2.. starts
// in the packed buffer: blocks in the order the product visits them, each on a 64-byte line.
struct PackedBatchLayout {
    Eigen::Index rows, depth, kc, nc;
    static constexpr Eigen::Index kAlign = 64;
    template <class S>
    static PackedBatchLayout of(Eigen::Index rows, Eigen::Index depth) {
        const Eigen::Index kc = FixedBlockingSizes::depth_block(depth);
        return {rows, depth, kc, std::min(rows, FixedBlockingSizes::row_block<S>(rows, kc))};
    }
    template <class S>
    Eigen::Index block_size(Eigen::Index kc_here, Eigen::Index nc_here) const {
        const Eigen::Index line = kAlign / Eigen::Index(sizeof(S));
        return (kc_here * nc_here + line - 1) / line * line;
    }
    template <class S>
    Eigen::Index offset(Eigen::Index k2, Eigen::Index j2) const {
        Eigen::Index at = 0;
        for (Eigen::Index k = 0; k < depth; k += kc) {
            const Eigen::Index kc_here = std::min(kc, depth - k);
            for (Eigen::Index j = 0; j < rows; j += nc) {
                if (k == k2 && j == j2) return at;
                at += block_size<S>(kc_here, std::min(nc, rows - j));
            }
        }
        return at;  // (k2, j2) past the end: the total size
    }
    Eigen::Index blocks() const { return ((depth + kc - 1) / kc) * ((rows + nc - 1) / nc); }
};

// A packed batch side: where it lives and how it is laid out.
template <class S>
struct PackedBatch {
    Operand<S> a{};  // what is packed
    S* data = nullptr;
    PackedBatchLayout layout{};
};

// Room for op(A) (rows x depth) in storage (kept between steps: it grows once), starting on
// a 64-byte line.
template <class S>
PackedBatch<S> packed_batch_in(GemmScratch<S>& storage, const Operand<S>& a, Eigen::Index rows,
                               Eigen::Index depth) {
    const PackedBatchLayout layout = PackedBatchLayout::of<S>(rows, depth);
    const Eigen::Index line = PackedBatchLayout::kAlign / Eigen::Index(sizeof(S));
    const Eigen::Index need = layout.offset<S>(layout.depth, 0) + line;
    if (storage.size() < need) storage.resize(need);
    const auto address = reinterpret_cast<std::uintptr_t>(storage.data());
    const auto skip =
        (PackedBatchLayout::kAlign - address % PackedBatchLayout::kAlign) % PackedBatchLayout::kAlign;
    return {a, storage.data() + skip / sizeof(S), layout};
}

// Packing is split into jobs, run in any order or on any thread: each block's batch rows in
// chunks of kPackChunk. Eigen packs the batch side in panels of nr rows, one after another,
// so a chunk that starts at a multiple of nr lands exactly where the whole block's call
// would have put it.
constexpr Eigen::Index kPackChunk = 64;

template <class S>
Eigen::Index pack_jobs(const PackedBatch<S>& packed) {
    const PackedBatchLayout& l = packed.layout;
    return l.blocks() * ((l.nc + kPackChunk - 1) / kPackChunk);
}

template <class S, int OrderA, int OrderB>
void pack_batch_job(const PackedBatch<S>& packed, Eigen::Index job) {
    using P = GemmPieces<S, OrderA, OrderB>;
    static_assert(kPackChunk % P::Traits::nr == 0, "a chunk must start on a packing panel");
    const PackedBatchLayout& l = packed.layout;
    const Eigen::Index chunks = (l.nc + kPackChunk - 1) / kPackChunk;
    const Eigen::Index block = job / chunks, chunk = job % chunks;
    const Eigen::Index row_blocks = (l.rows + l.nc - 1) / l.nc;
    const Eigen::Index k2 = (block / row_blocks) * l.kc, j2 = (block % row_blocks) * l.nc;
    const Eigen::Index kc_here = std::min(l.kc, l.depth - k2), nc_here = std::min(l.nc, l.rows - j2);
    const Eigen::Index first = chunk * kPackChunk;
    if (first >= nc_here) return;
    typename P::RhsMapper rhs(packed.a.data, packed.a.stride);
    typename P::PackRhs pack;
    pack(packed.data + l.offset<S>(k2, j2) + first * kc_here, rhs.getSubMapper(k2, j2 + first), kc_here,
         std::min(kPackChunk, nc_here - first));
}

// C (rows x cols) += alpha op(A) op(B) with op(A) already packed; op(B)'s columns are packed
// here, in scratch. The loops of Eigen's sequential product (GeneralMatrixMatrix.h).
template <class S, int OrderA, int OrderB>
void gemm_with_packed_batch(Eigen::Index cols, const PackedBatch<S>& packed, const Operand<S>& b, S* c,
                            Eigen::Index ldc, S alpha, GemmScratch<S>& scratch) {
    using P = GemmPieces<S, OrderA, OrderB>;
    const PackedBatchLayout& l = packed.layout;
    const Eigen::Index mc = std::min(cols, FixedBlockingSizes::column_block<S>(cols, l.kc));
    PersistentBlocking<S> blocking(l.rows, cols, l.depth, scratch);
    S* block_a = blocking.blockA();
    typename P::LhsMapper lhs(b.data, b.stride);
    typename P::ResMapper res(c, ldc);
    typename P::PackLhs pack_lhs;
    typename P::Kernel kernel;
    for (Eigen::Index i2 = 0; i2 < cols; i2 += mc) {
        const Eigen::Index mc_here = std::min(mc, cols - i2);
        for (Eigen::Index k2 = 0; k2 < l.depth; k2 += l.kc) {
            const Eigen::Index kc_here = std::min(l.kc, l.depth - k2);
            pack_lhs(block_a, lhs.getSubMapper(i2, k2), kc_here, mc_here);
            for (Eigen::Index j2 = 0; j2 < l.rows; j2 += l.nc)
                kernel(res.getSubMapper(i2, j2), block_a, packed.data + l.offset<S>(k2, j2), mc_here, kc_here,
                       std::min(l.nc, l.rows - j2), alpha);
        }
    }
}

// The two steps for either orientation of the operands (only op(A)'s matters to packing it,
// only op(B)'s to the product).
template <class S>
void pack_batch_side(const PackedBatch<S>& packed, Eigen::Index job) {
    if (packed.a.transposed)
        pack_batch_job<S, Eigen::ColMajor, Eigen::RowMajor>(packed, job);
    else
        pack_batch_job<S, Eigen::RowMajor, Eigen::RowMajor>(packed, job);
}

template <class S>
void gemm_columns(Eigen::Index cols, const PackedBatch<S>& packed, const Operand<S>& b, S* c,
                  Eigen::Index ldc, S alpha, GemmScratch<S>& scratch) {
    if (b.transposed)
        gemm_with_packed_batch<S, Eigen::RowMajor, Eigen::ColMajor>(cols, packed, b, c, ldc, alpha, scratch);
    else
        gemm_with_packed_batch<S, Eigen::RowMajor, Eigen::RowMajor>(cols, packed, b, c, ldc, alpha, scratch);
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

#if !EIGEN_VERSION_AT_LEAST(3, 4, 0)
// Without Eigen 3.4's internal interface nothing is packed ahead: each part runs the plain
// product.
template <class S>
struct PackedBatch {
    Operand<S> a{};
    Eigen::Index rows = 0, depth = 0;
};

template <class S>
PackedBatch<S> packed_batch_in(GemmScratch<S>&, const Operand<S>& a, Eigen::Index rows, Eigen::Index depth) {
    return {a, rows, depth};
}

template <class S>
Eigen::Index pack_jobs(const PackedBatch<S>&) {
    return 0;
}

template <class S>
void pack_batch_side(const PackedBatch<S>&, Eigen::Index) {}

template <class S>
void gemm_columns(Eigen::Index cols, const PackedBatch<S>& packed, const Operand<S>& b, S* c,
                  Eigen::Index ldc, S alpha, GemmScratch<S>& scratch) {
    gemm_accumulate<S>(packed.rows, cols, packed.depth, packed.a, b, c, ldc, alpha, scratch);
}
#endif

}  // namespace vae::nn::detail
