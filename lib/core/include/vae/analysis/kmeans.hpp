#pragma once
// k-means clustering: k-means++ seeding, then Lloyd iterations.
//
// Seeding (k-means++): the first centre is a sample chosen uniformly; each further centre is
// a sample chosen with probability proportional to D(x)^2, its squared distance to the
// nearest centre chosen so far. Far-away groups are then very likely to get a centre of
// their own, which plain random seeding often misses.
//
// Lloyd: assign every sample to its nearest centre (the lowest centre index wins a tie),
// move every centre to the mean of its samples, and repeat until the centres stop moving
// (bit for bit: the assignments have stopped changing) or max_iter iterations have run.
// Every returned assignment is a nearest centre of its sample among the returned centres,
// and the inertia is measured from them.
//
// Empty clusters: a centre left with no samples is moved onto the sample farthest from its
// own centre (lowest sample index on a tie), taken from a cluster that has more than one.
// That sample is the worst-served one, so the move can only lower the inertia.
//
// Randomness comes only from vae::Rng(seed, vae::Stream::Cluster). With n_init > 1 the
// restarts draw one after another from that one stream and the run with the lowest inertia
// is kept (the earliest on a tie): the same seed always gives the same clustering.
#include <cstdint>

#include "vae/analysis/matrix.hpp"
#include "vae/rng.hpp"

namespace vae::analysis {

struct KMeansOptions {
    int k = 2;
    std::uint64_t seed = 42;
    int max_iter = 300;  // at most this many Lloyd iterations per run
    int n_init = 1;      // independent seedings; the lowest inertia wins
};

struct KMeansResult {
    Labels assignments;      // n: the cluster of each sample, 0..k-1
    Matrix centres;          // k x d
    double inertia = 0;      // sum over samples of the squared distance to their centre
    int iterations = 0;      // Lloyd iterations of the kept run
    bool converged = false;  // the kept run stopped because the centres stopped moving
};

// Clusters the rows of x. Throws std::invalid_argument if k < 1, k > n, max_iter < 1 or
// n_init < 1. If x has fewer than k distinct rows, some centres coincide.
KMeansResult kmeans(const Matrix& x, const KMeansOptions& options);

// The k-means++ seeding alone: k rows of x, drawn as described above.
Matrix kmeans_plus_plus(const Matrix& x, int k, vae::Rng& rng);

// Index of the nearest row of centres to point (lowest index on a tie), and its squared
// distance through *squared_distance when that is not null.
int nearest_centre(const Eigen::Ref<const RowVector>& point, const Matrix& centres,
                   double* squared_distance = nullptr);

}  // namespace vae::analysis
