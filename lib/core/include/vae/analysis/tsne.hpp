#pragma once
// t-SNE (van der Maaten and Hinton, 2008), exact: every pair of points, no tree, for a few
// thousand points at most (the work and memory grow as n^2).
//
// Input affinities. Each point i gets a Gaussian over the others,
//     p(j | i) = exp(-beta_i d_ij^2) / sum_{k != i} exp(-beta_i d_ik^2),
// with beta_i found by bisection so that its perplexity, exp(H(p(. | i))), equals the one
// asked for: each point sees about that many neighbours, in dense and sparse regions alike.
// They are symmetrised into one distribution over pairs, p_ij = (p(j | i) + p(i | j)) / 2n.
//
// The embedding Y (n x 2) places a Student-t (one degree of freedom) over pairs,
//     q_ij = (1 + |y_i - y_j|^2)^-1 / Z,   Z = sum_{k != l} (1 + |y_k - y_l|^2)^-1,
// and gradient descent moves Y to lower KL(P || Q) = sum_{i != j} p_ij log(p_ij / q_ij):
//     dKL/dy_i = 4 sum_j (p_ij - q_ij) (1 + |y_i - y_j|^2)^-1 (y_i - y_j).
// The heavy tail lets far-apart clusters sit far apart without pulling on each other.
//
// Optimisation as in the reference implementation: P multiplied by an early exaggeration for
// the first iterations (clusters form first, then spread out), momentum 0.5 then 0.8, and
// per-coordinate gains (delta-bar-delta). Y starts from the first two principal components
// of x, scaled to a standard deviation of 1e-4 on the first: no randomness at all, and the
// global layout of PCA to begin from. A random start is available, seeded.
//
// Determinism: every sum runs in a fixed order, so the same input and options give the same
// bytes with any number of threads, on every machine with the same instruction set. (The
// gradient's pair sums are kept in 8 fixed lanes, the same for any vector width; the
// affinities' exponentials and the PCA start go through Eigen, whose rounding depends on the
// instruction set.) Rows are shared between the threads of the network's pool.
//
// Cost: n^2 pairs per iteration, about 1.4 ns of CPU each (measured for n = 2000 on an
// "Intel(R) Xeon(R) Processor" with AVX-512: 5.5 s of CPU for 1000 iterations), and one
// n x n matrix of doubles, P (32 MB for n = 2000).
#include <cstdint>
#include <vector>

#include "vae/analysis/matrix.hpp"

namespace vae::analysis {

enum class TsneStart {
    Pca,     // the first two principal components of x, scaled (the default)
    Random,  // N(0, 1e-4^2) per coordinate, from Rng(seed, Stream::Sample)
};

struct TsneOptions {
    double perplexity = 30.0;  // must be below n - 1 (kept below n / 3 in practice)
    int iterations = 1000;
    int exaggeration_iterations = 250;
    double exaggeration = 12.0;
    double learning_rate = 0.0;                   // 0: max(n / exaggeration, 50), the "auto" of openTSNE
    double momentum = 0.5, final_momentum = 0.8;  // the second from the end of the exaggeration
    TsneStart start = TsneStart::Pca;
    std::uint64_t seed = 1;  // for TsneStart::Random
    int kl_every = 250;      // iterations between the KL values of Tsne::kl_history (0: the end only)
};

struct Tsne {
    Matrix embedding;                // n x 2
    double kl_divergence = 0;        // KL(P || Q) at the end, without exaggeration
    std::vector<double> kl_history;  // KL(P || Q) every 50 iterations, and at the end
    std::vector<int> kl_iterations;  // the iterations kl_history was taken at
    double learning_rate = 0;        // the one used
};

// p(j | i) for every pair (n x n, rows summing to 1, zero diagonal), each row at the given
// perplexity: its entropy within 1e-5 nats of log(perplexity) (or as close as 100 bisection
// steps get, e.g. for duplicate points).
// Throws std::invalid_argument unless 1 <= perplexity < n - 1.
Matrix tsne_conditional_affinities(const Matrix& x, double perplexity);

// p_ij = (p(j | i) + p(i | j)) / 2n: symmetric, summing to 1.
Matrix tsne_joint_affinities(const Matrix& x, double perplexity);

// KL(P || Q) for the embedding y (n x 2), over the pairs with p_ij > 0.
double tsne_kl_divergence(const Matrix& p, const Matrix& y);

// dKL(P || Q) / dY (n x 2), as above: the gradient fit_tsne follows (P unexaggerated).
Matrix tsne_gradient(const Matrix& p, const Matrix& y);

// Embeds the rows of x (n x features, n >= 4) in the plane.
Tsne fit_tsne(const Matrix& x, const TsneOptions& options = {});

}  // namespace vae::analysis
