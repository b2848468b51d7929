#include "vae/analysis/kmeans.hpp"

#include <stdexcept>
#include <string>

namespace vae::analysis {

namespace {

// Nearest centre of every row of x: fills labels and the squared distances, returns their sum.
double assign(const Matrix& x, const Matrix& centres, Labels& labels, std::vector<double>& d2) {
    const Eigen::Index n = x.rows();
    labels.resize(n);
    d2.resize(n);
    double inertia = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        labels[i] = nearest_centre(x.row(i), centres, &d2[i]);
        inertia += d2[i];
    }
    return inertia;
}

// Gives every empty cluster the sample farthest from its centre, taken from a cluster that
// keeps at least one sample. A cluster of one cannot give, so no repair empties another.
void repair_empty_clusters(int k, Labels& labels, std::vector<double>& d2) {
    std::vector<int> count(k, 0);
    for (int label : labels) ++count[label];
    for (int c = 0; c < k; ++c) {
        if (count[c] > 0) continue;
        // k <= n and cluster c is empty, so some cluster holds two or more samples.
        std::size_t farthest = labels.size();
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (count[labels[i]] < 2) continue;
            if (farthest == labels.size() || d2[i] > d2[farthest]) farthest = i;
        }
        --count[labels[farthest]];
        labels[farthest] = c;
        count[c] = 1;
        d2[farthest] = 0;  // it becomes its new cluster's centre
    }
}

// Centre of each cluster: the mean of its samples, summed in sample order.
Matrix cluster_means(const Matrix& x, const Labels& labels, int k) {
    Matrix sums = Matrix::Zero(k, x.cols());
    std::vector<long> count(k, 0);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        sums.row(labels[i]) += x.row(i);
        ++count[labels[i]];
    }
    for (int c = 0; c < k; ++c) sums.row(c) /= static_cast<double>(count[c]);
    return sums;
}

KMeansResult lloyd(const Matrix& x, Matrix centres, int max_iter) {
    const int k = static_cast<int>(centres.rows());
    KMeansResult result;
    std::vector<double> d2;
    for (int iteration = 1; iteration <= max_iter; ++iteration) {
        result.inertia = assign(x, centres, result.assignments, d2);
        repair_empty_clusters(k, result.assignments, d2);
        Matrix moved = cluster_means(x, result.assignments, k);
        result.iterations = iteration;
        if (moved == centres) {
            // A fixed point: the centres are the means of the assignments, and each sample
            // sits at a nearest centre. A repaired sample sits on its own centre (distance 0).
            result.converged = true;
            double inertia = 0;
            for (double v : d2) inertia += v;
            result.inertia = inertia;
            result.centres = std::move(centres);
            return result;
        }
        centres = std::move(moved);
    }
    // Out of iterations: report the nearest-centre assignment to the final centres.
    result.inertia = assign(x, centres, result.assignments, d2);
    result.centres = std::move(centres);
    return result;
}

}  // namespace

int nearest_centre(const Eigen::Ref<const RowVector>& point, const Matrix& centres,
                   double* squared_distance) {
    int best = 0;
    double best_d2 = (centres.row(0) - point).squaredNorm();
    for (Eigen::Index c = 1; c < centres.rows(); ++c) {
        const double d2 = (centres.row(c) - point).squaredNorm();
        if (d2 < best_d2) {  // strict: the lower index keeps a tie
            best_d2 = d2;
            best = static_cast<int>(c);
        }
    }
    if (squared_distance) *squared_distance = best_d2;
    return best;
}

Matrix kmeans_plus_plus(const Matrix& x, int k, vae::Rng& rng) {
    const Eigen::Index n = x.rows();
    if (k < 1 || k > n) {
        throw std::invalid_argument("k-means++ needs 1 <= k <= number of rows (" + std::to_string(n) +
                                    "), got k = " + std::to_string(k));
    }
    Matrix centres(k, x.cols());
    centres.row(0) = x.row(static_cast<Eigen::Index>(rng.below(static_cast<std::uint64_t>(n))));
    // d2[i]: squared distance from sample i to its nearest centre so far.
    std::vector<double> d2(n);
    for (Eigen::Index i = 0; i < n; ++i) d2[i] = (x.row(i) - centres.row(0)).squaredNorm();

    for (int c = 1; c < k; ++c) {
        double total = 0;
        for (double v : d2) total += v;
        Eigen::Index chosen = -1;
        if (total > 0) {
            // Inverse-CDF draw: P(i) = d2[i] / total. Samples already on a centre (d2 = 0)
            // are never chosen, not even through rounding at the end of the sum.
            const double target = rng.uniform() * total;
            double cumulative = 0;
            for (Eigen::Index i = 0; i < n; ++i) {
                if (d2[i] <= 0) continue;
                chosen = i;  // the last positive one, should rounding leave target unreached
                cumulative += d2[i];
                if (target < cumulative) break;
            }
        } else {
            // Every sample coincides with a chosen centre: any choice is as good.
            chosen = static_cast<Eigen::Index>(rng.below(static_cast<std::uint64_t>(n)));
        }
        centres.row(c) = x.row(chosen);
        for (Eigen::Index i = 0; i < n; ++i) {
            const double to_new = (x.row(i) - centres.row(c)).squaredNorm();
            if (to_new < d2[i]) d2[i] = to_new;
        }
    }
    return centres;
}

KMeansResult kmeans(const Matrix& x, const KMeansOptions& options) {
    const Eigen::Index n = x.rows();
    if (options.k < 1 || options.k > n) {
        throw std::invalid_argument("kmeans needs 1 <= k <= number of rows (" + std::to_string(n) +
                                    "), got k = " + std::to_string(options.k));
    }
    if (options.max_iter < 1) throw std::invalid_argument("kmeans needs max_iter >= 1");
    if (options.n_init < 1) throw std::invalid_argument("kmeans needs n_init >= 1");

    vae::Rng rng(options.seed, vae::Stream::Cluster);
    KMeansResult best;
    for (int run = 0; run < options.n_init; ++run) {
        KMeansResult result = lloyd(x, kmeans_plus_plus(x, options.k, rng), options.max_iter);
        if (run == 0 || result.inertia < best.inertia) best = std::move(result);
    }
    return best;
}

}  // namespace vae::analysis
