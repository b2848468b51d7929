#pragma once
// One call that every exercise program and golden test makes before it computes anything:
// it takes the last machine-dependent choices out of Eigen's own matrix products (the ones
// the analysis code uses; the network's products have fixed blocking of their own, see
// lib/core/src/nn/gemm.hpp).
//
// Eigen sizes the blocks of a product, and so where a long dot product is cut into partial
// sums, from the cache sizes it reads off the CPU and from how many threads share the
// product. Both differ from machine to machine. Fixing them here makes the order of every
// sum a function of the code and the instruction set only.
namespace vae {

// Eigen then blocks as for a 32 KiB L1d, a 1 MiB L2 and a 32 MiB L3, and runs its own
// products on one thread (the network's products keep their own thread pool).
void make_numerics_machine_independent();

}  // namespace vae
