#include "vae/analysis/tsne.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "../nn/parallel.hpp"  // the network's thread pool, shared
#include "vae/analysis/pca.hpp"
#include "vae/rng.hpp"

namespace vae::analysis {

namespace {

using Array = Eigen::ArrayXd;

void check_embedding(const Matrix& p, const Matrix& y, const char* what) {
    if (p.rows() != p.cols() || p.rows() != y.rows() || y.cols() != 2)
        throw std::invalid_argument(std::string(what) + ": P must be n x n and y n x 2 (P " +
                                    std::to_string(p.rows()) + " x " + std::to_string(p.cols()) + ", y " +
                                    std::to_string(y.rows()) + " x " + std::to_string(y.cols()) + ")");
}

// One row of p(. | i): the precision beta that gives the target entropy, by bisection.
// d holds d_ij^2 for j != i, shifted by their minimum (the entropy does not change, and the
// nearest neighbour's weight is exactly 1, so the sum never underflows).
//   p_j = exp(-beta d_j) / S,   S = sum_j exp(-beta d_j),   H = log S + beta sum_j d_j p_j
void calibrate_row(const Array& d, double target_entropy, Array& p) {
    constexpr double kTolerance = 1e-5;  // nats, as in the reference implementation
    constexpr int kMaxSteps = 100;
    const double inf = std::numeric_limits<double>::infinity();
    double beta = 1.0, lo = 0.0, hi = inf;
    for (int step = 0; step < kMaxSteps; ++step) {
        p = (-beta * d).exp();
        const double sum = p.sum();
        const double entropy = std::log(sum) + beta * (d * p).sum() / sum;
        p /= sum;
        if (std::abs(entropy - target_entropy) < kTolerance) return;
        // Too flat (entropy too high): sharpen, i.e. raise beta; too peaked: lower it.
        if (entropy > target_entropy) {
            lo = beta;
            beta = hi == inf ? 2.0 * beta : 0.5 * (beta + hi);
        } else {
            hi = beta;
            beta = 0.5 * (beta + lo);
        }
    }
}

// fn(i) for i = 0 .. n-1, blocks of rows taken by the threads of the network's pool as they
// come free (a thread the system holds back does not hold up the others).
template <class Fn>
void for_each_row(Eigen::Index n, const Fn& fn) {
    constexpr Eigen::Index kBlock = 32;
    const Eigen::Index blocks = (n + kBlock - 1) / kBlock;
    std::atomic<Eigen::Index> next{0};
    const auto work = [&](int, int) {
        for (Eigen::Index b = next.fetch_add(1); b < blocks; b = next.fetch_add(1))
            for (Eigen::Index i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i) fn(i);
    };
    const int threads = static_cast<int>(std::min<Eigen::Index>(blocks, nn::detail::available_threads()));
    if (threads <= 1)
        work(0, 1);
    else
        nn::detail::run_parallel(threads, work);
}

// Partial sums kept in this many lanes, each summing every kLanes-th term, and added in
// lane order at the end: a fixed order, so the result is the same whatever vector width
// the compiler gives the loop (it becomes one SIMD register of lanes, or two, or scalars).
constexpr int kLanes = 8;

// One row i of the pair sums, over j: with w_ij = (1 + |y_i - y_j|^2)^-1,
//   z = sum_j w_ij (j != i),  a = sum_j p_ij w_ij (y_i - y_j),  r = sum_j w_ij^2 (y_i - y_j).
struct RowSums {
    double z = 0, ax = 0, ay = 0, rx = 0, ry = 0;
};

RowSums row_sums(const double* p, const double* y0, const double* y1, Eigen::Index n, Eigen::Index i) {
    double z[kLanes] = {}, ax[kLanes] = {}, ay[kLanes] = {}, rx[kLanes] = {}, ry[kLanes] = {};
    const double xi = y0[i], yi = y1[i];
    const auto add = [&](Eigen::Index j, int l) {
        const double dx = xi - y0[j], dy = yi - y1[j];
        const double w = 1.0 / (1.0 + dx * dx + dy * dy);
        const double pw = p[j] * w, ww = w * w;
        z[l] += w;
        ax[l] += pw * dx;
        ay[l] += pw * dy;
        rx[l] += ww * dx;  // the self term has dx = dy = 0: it adds to z only
        ry[l] += ww * dy;
    };
    Eigen::Index j = 0;
    for (; j + kLanes <= n; j += kLanes)
        for (int l = 0; l < kLanes; ++l) add(j + l, l);
    for (int l = 0; j < n; ++j, ++l) add(j, l);
    RowSums s;
    for (int l = 0; l < kLanes; ++l) {
        s.z += z[l];
        s.ax += ax[l];
        s.ay += ay[l];
        s.rx += rx[l];
        s.ry += ry[l];
    }
    s.z -= 1.0;  // w_ii = 1 is not a pair
    return s;
}

// The gradient for the 2-D embedding y0, y1 (columns), P scaled by `exaggeration`:
//   dKL/dy_i = 4 (sum_j e p_ij w_ij (y_i - y_j) - (1/Z) sum_j w_ij^2 (y_i - y_j)),
//   Z = sum_{i != j} w_ij.
// Rows are shared between threads, but each row's sums depend on that row alone and Z adds
// the rows' parts in row order: the numbers never depend on the threads.
Matrix gradient_2d(const Matrix& p, const Array& y0, const Array& y1, double exaggeration) {
    const Eigen::Index n = p.rows();
    std::vector<RowSums> sums(static_cast<std::size_t>(n));
    for_each_row(n, [&](Eigen::Index i) {
        sums[std::size_t(i)] = row_sums(p.data() + i * n, y0.data(), y1.data(), n, i);
    });
    double z = 0.0;
    for (const RowSums& s : sums) z += s.z;
    Matrix grad(n, 2);
    for (Eigen::Index i = 0; i < n; ++i) {
        const RowSums& s = sums[std::size_t(i)];
        grad(i, 0) = 4.0 * (exaggeration * s.ax - s.rx / z);
        grad(i, 1) = 4.0 * (exaggeration * s.ay - s.ry / z);
    }
    return grad;
}

// sum_{p_ij > 0} p_ij log p_ij: the part of KL(P || Q) that the embedding does not change.
double negative_entropy(const Matrix& p) {
    double sum = 0.0;
    for (Eigen::Index k = 0; k < p.size(); ++k) {
        const double v = p.data()[k];
        if (v > 0.0) sum += v * std::log(v);
    }
    return sum;
}

// KL(P || Q) = sum p log p - sum p log w + log Z  (sum p = 1, q = w / Z), with
// log w = -log(1 + d^2). Pairs with p_ij = 0 (the diagonal, and underflow) add nothing to
// the middle sum and skip its logarithm.
double kl_2d(const Matrix& p, const Array& y0, const Array& y1, double p_log_p) {
    const Eigen::Index n = p.rows();
    std::vector<double> z(static_cast<std::size_t>(n)), p_log_w(z.size());
    for_each_row(n, [&](Eigen::Index i) {
        z[std::size_t(i)] = row_sums(p.data() + i * n, y0.data(), y1.data(), n, i).z;
        double sum = 0.0;
        for (Eigen::Index j = 0; j < n; ++j) {
            const double pij = p(i, j);
            if (pij == 0.0) continue;
            const double dx = y0(i) - y0(j), dy = y1(i) - y1(j);
            sum -= pij * std::log1p(dx * dx + dy * dy);
        }
        p_log_w[std::size_t(i)] = sum;
    });
    double z_total = 0.0, p_log_w_total = 0.0;  // in row order
    for (std::size_t i = 0; i < z.size(); ++i) {
        z_total += z[i];
        p_log_w_total += p_log_w[i];
    }
    return p_log_p - p_log_w_total + std::log(z_total);
}

Matrix starting_embedding(const Matrix& x, const TsneOptions& options) {
    constexpr double kScale = 1e-4;  // tiny: the early iterations decide the layout, not the start
    Matrix y(x.rows(), 2);
    if (options.start == TsneStart::Random) {
        Rng rng(options.seed, Stream::Sample);
        for (Eigen::Index k = 0; k < y.size(); ++k) y.data()[k] = kScale * rng.normal();
        return y;
    }
    if (x.cols() < 2) throw std::invalid_argument("fit_tsne: a PCA start needs at least 2 features");
    y = fit_pca(x, 2).transform(x);
    const double sd = std::sqrt(y.col(0).squaredNorm() / double(y.rows()));  // PCA centred it
    return sd > 0.0 ? Matrix(y * (kScale / sd)) : Matrix(Matrix::Zero(y.rows(), 2));
}

}  // namespace

Matrix tsne_conditional_affinities(const Matrix& x, double perplexity) {
    const Eigen::Index n = x.rows();
    if (!(perplexity >= 1.0 && perplexity < double(n - 1)))
        throw std::invalid_argument("t-SNE: the perplexity must be in [1, n - 1) = [1, " +
                                    std::to_string(n - 1) + "), not " + std::to_string(perplexity));
    const double target = std::log(perplexity);  // H = log(perplexity), in nats
    Matrix p = Matrix::Zero(n, n);
    for_each_row(n, [&](Eigen::Index i) {
        // d_ij^2 = |x_i - x_j|^2 for j != i (j < i, then j > i), each from the difference, so
        // near neighbours lose no digits to |a|^2 + |b|^2 - 2ab.
        Array others(n - 1), row(n - 1);
        for (Eigen::Index j = 0, k = 0; j < n; ++j)
            if (j != i) others(k++) = (x.row(i) - x.row(j)).squaredNorm();
        others -= others.minCoeff();
        calibrate_row(others, target, row);
        p.row(i).head(i) = row.head(i).transpose().matrix();
        p.row(i).tail(n - 1 - i) = row.tail(n - 1 - i).transpose().matrix();
    });
    return p;
}

Matrix tsne_joint_affinities(const Matrix& x, double perplexity) {
    Matrix p = tsne_conditional_affinities(x, perplexity);
    // p_ij = (p(j | i) + p(i | j)) / 2n, in place: one n x n matrix, never two.
    const Eigen::Index n = p.rows();
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = i + 1; j < n; ++j) p(i, j) = p(j, i) = (p(i, j) + p(j, i)) / (2.0 * double(n));
    return p;
}

double tsne_kl_divergence(const Matrix& p, const Matrix& y) {
    check_embedding(p, y, "tsne_kl_divergence");
    return kl_2d(p, y.col(0).array(), y.col(1).array(), negative_entropy(p));
}

Matrix tsne_gradient(const Matrix& p, const Matrix& y) {
    check_embedding(p, y, "tsne_gradient");
    return gradient_2d(p, y.col(0).array(), y.col(1).array(), 1.0);
}

Tsne fit_tsne(const Matrix& x, const TsneOptions& options) {
    const Eigen::Index n = x.rows();
    if (n < 4) throw std::invalid_argument("fit_tsne needs at least 4 points");
    if (options.iterations < 1 || options.exaggeration_iterations < 0 || !(options.exaggeration > 0.0))
        throw std::invalid_argument(
            "fit_tsne: iterations >= 1, exaggeration iterations >= 0, exaggeration > 0");
    const Matrix p = tsne_joint_affinities(x, options.perplexity);
    const double p_log_p = negative_entropy(p);

    Tsne result;
    result.learning_rate = options.learning_rate > 0.0 ? options.learning_rate
                                                       : std::max(double(n) / options.exaggeration, 50.0);
    const Matrix start = starting_embedding(x, options);
    Array y0 = start.col(0).array(), y1 = start.col(1).array();
    Matrix update = Matrix::Zero(n, 2), gains = Matrix::Ones(n, 2);
    constexpr double kMinGain = 0.01;
    const auto sign = [](double v) { return (v > 0.0) - (v < 0.0); };

    for (int it = 0; it < options.iterations; ++it) {
        const bool exaggerating = it < options.exaggeration_iterations;
        const double momentum = exaggerating ? options.momentum : options.final_momentum;
        const Matrix grad = gradient_2d(p, y0, y1, exaggerating ? options.exaggeration : 1.0);
        for (Eigen::Index k = 0; k < grad.size(); ++k) {
            // delta-bar-delta: a coordinate that keeps moving the same way speeds up; one that
            // turns around slows down.
            double& g = gains.data()[k];
            double& u = update.data()[k];
            g = sign(grad.data()[k]) != sign(u) ? g + 0.2 : g * 0.8;
            g = std::max(g, kMinGain);
            u = momentum * u - result.learning_rate * g * grad.data()[k];
        }
        y0 += update.col(0).array();
        y1 += update.col(1).array();
        // Only distances matter: keep the cloud centred so the coordinates stay small.
        y0 -= y0.mean();
        y1 -= y1.mean();
        const bool history_due = options.kl_every > 0 && (it + 1) % options.kl_every == 0;
        if (history_due || it + 1 == options.iterations) {
            result.kl_history.push_back(kl_2d(p, y0, y1, p_log_p));
            result.kl_iterations.push_back(it + 1);
        }
    }
    result.kl_divergence = result.kl_history.back();
    result.embedding.resize(n, 2);
    result.embedding.col(0) = y0.matrix();
    result.embedding.col(1) = y1.matrix();
    return result;
}

}  // namespace vae::analysis
