#include "vae/nn/likelihood.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "parallel.hpp"
#include "vae/error.hpp"

namespace vae::nn {

namespace {

// Rows of logits scored per task when the rows are shared between threads: enough work per
// task (16 x 784 transcendental pairs) to outweigh taking it.
constexpr Eigen::Index kRowsPerTask = 16;

// recon(x, l) of one row, summed over features, with the expression model.cpp uses, so
// that a code decoded here scores exactly as in forward().
template <class S>
double row_recon(const S* logits, const S* x, Eigen::Index D, Likelihood likelihood) {
    const Eigen::Map<const Eigen::Array<S, 1, Eigen::Dynamic>> l(logits, D), xi(x, D);
    if (likelihood == Likelihood::Bernoulli) {
        // max(l, 0) - l x + log1p(exp(-|l|)): finite for any logit.
        return double((l.max(S(0)) - l * xi + (-l.abs()).exp().log1p()).sum());
    }
    return double((l - xi).square().sum());  // (l - x)^2
}

// recon of every decoded row r, against input row owner[r]; rows shared between threads.
// Each row's value depends only on that row, so the split never changes a number.
template <class S>
void score_rows(const ConstMatrixMap<S>& logits, const BatchRef<S>& x, const std::vector<Eigen::Index>& owner,
                Likelihood likelihood, double* recon) {
    const Eigen::Index rows = logits.rows(), D = logits.cols();
    const Eigen::Index tasks = (rows + kRowsPerTask - 1) / kRowsPerTask;
    std::atomic<Eigen::Index> next{0};
    const auto work = [&](int, int) {
        for (Eigen::Index t = next.fetch_add(1); t < tasks; t = next.fetch_add(1)) {
            const Eigen::Index end = std::min(rows, (t + 1) * kRowsPerTask);
            for (Eigen::Index r = t * kRowsPerTask; r < end; ++r)
                recon[r] =
                    row_recon<S>(logits.row(r).data(), x.row(owner[std::size_t(r)]).data(), D, likelihood);
        }
    };
    const int threads = int(std::min<Eigen::Index>(tasks, detail::available_threads()));
    if (threads <= 1)
        work(0, 1);
    else
        detail::run_parallel(threads, work);
}

}  // namespace

double log_mean_exp(const double* v, Eigen::Index n) {
    if (n < 1) throw std::invalid_argument("log_mean_exp: no values");
    const double m = *std::max_element(v, v + n);
    if (m == -std::numeric_limits<double>::infinity()) return m;  // every weight is 0
    double sum = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) sum += std::exp(v[i] - m);  // each term in (0, 1]
    return m + std::log(sum / double(n));
}

double likelihood_log_constant(const ModelSpec& spec) {
    const double pi = 3.14159265358979323846;
    // log N(x; l, 1/2) = -(x - l)^2 - (1/2) log pi, per feature.
    return spec.likelihood == Likelihood::Gaussian ? -0.5 * spec.input_dim * std::log(pi) : 0.0;
}

template <class S>
RowMatrix<double> iw_log_weights(const Model<S>& model, const BatchArg<S>& x, int samples,
                                 std::uint64_t eps_seed) {
    if (!model.variational())
        throw UsageError("iw_log_weights: an autoencoder has no posterior q(z | x) to sample");
    if (samples < 1) throw UsageError("iw_log_weights: samples must be >= 1, not " + std::to_string(samples));
    if (x.rows() < 1 || x.cols() != model.input_dim())
        throw std::invalid_argument("iw_log_weights: x must have rows and " +
                                    std::to_string(model.input_dim()) + " columns");

    const Eigen::Index n = x.rows(), L = model.latent_dim(), K = samples;
    // The encoder once per input: mu and log sigma^2 (rows x L each).
    RowMatrix<S> mu(n, L), logvar(n, L);
    {
        Workspace<S> ws;
        constexpr Eigen::Index kEncodeBatch = 500;
        for (Eigen::Index start = 0; start < n; start += kEncodeBatch) {
            const Eigen::Index rows = std::min(kEncodeBatch, n - start);
            model.encode(x.middleRows(start, rows), ws);
            mu.middleRows(start, rows) = ws.mu();
            logvar.middleRows(start, rows) = ws.logvar();
        }
    }

    // Codes t = i K + k in order, kIwRowsPerPass per decoder pass; eps drawn in the same
    // order, so the passes' size never changes which eps a code gets.
    RowMatrix<double> log_w(n, K);
    Rng rng(eps_seed, Stream::Noise);
    const Eigen::Index total = n * K;
    const Eigen::Index pass_rows = std::min<Eigen::Index>(kIwRowsPerPass, total);
    RowMatrix<S> z(pass_rows, L);
    std::vector<Eigen::Index> owner(static_cast<std::size_t>(pass_rows));
    std::vector<double> prior_ratio(static_cast<std::size_t>(pass_rows)), recon(prior_ratio.size());
    Workspace<S> ws;
    for (Eigen::Index t0 = 0; t0 < total; t0 += pass_rows) {
        const Eigen::Index rows = std::min(pass_rows, total - t0);
        for (Eigen::Index r = 0; r < rows; ++r) {
            const Eigen::Index i = (t0 + r) / K;
            owner[std::size_t(r)] = i;
            double ratio = 0.0;
            for (Eigen::Index j = 0; j < L; ++j) {
                const double eps = S(rng.normal());  // rounded as forward() rounds it
                const S lv = logvar(i, j);
                z(r, j) = mu(i, j) + std::exp(S(0.5) * lv) * S(eps);  // z = mu + sigma eps
                // log p(z) - log q(z | x) = -0.5 sum_j (z_j^2 - eps_j^2 - log sigma_j^2)
                ratio += double(z(r, j)) * double(z(r, j)) - eps * eps - double(lv);
            }
            prior_ratio[std::size_t(r)] = -0.5 * ratio;
        }
        model.decode(z.topRows(rows), ws);
        score_rows<S>(ws.logits(), x, owner, model.spec().likelihood, recon.data());
        for (Eigen::Index r = 0; r < rows; ++r) {
            const Eigen::Index t = t0 + r;
            log_w(t / K, t % K) = -recon[std::size_t(r)] + prior_ratio[std::size_t(r)];
        }
    }
    return log_w;
}

IwEstimate iw_estimate(const RowMatrix<double>& log_weights, int samples) {
    if (samples < 1 || samples > log_weights.cols())
        throw std::invalid_argument("iw_estimate: samples must be in 1.." +
                                    std::to_string(log_weights.cols()) + ", not " + std::to_string(samples));
    const Eigen::Index n = log_weights.rows();
    if (n < 1) throw std::invalid_argument("iw_estimate: no inputs");
    IwEstimate e;
    e.samples = samples;
    e.log_px.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) e.log_px(i) = log_mean_exp(log_weights.row(i).data(), samples);
    e.nll = -e.log_px.mean();
    // The spread over inputs, which also holds the sampling noise of each estimate.
    const double var = n > 1 ? (e.log_px.array() + e.nll).square().sum() / double(n - 1) : 0.0;
    e.std_error = std::sqrt(var / double(n));
    return e;
}

template <class S>
IwEstimate iw_nll(const Model<S>& model, const BatchArg<S>& x, int samples, std::uint64_t eps_seed) {
    return iw_estimate(iw_log_weights(model, x, samples, eps_seed), samples);
}

#define VAE_NN_INSTANTIATE(S)                                                                              \
    template RowMatrix<double> iw_log_weights<S>(const Model<S>&, const BatchArg<S>&, int, std::uint64_t); \
    template IwEstimate iw_nll<S>(const Model<S>&, const BatchArg<S>&, int, std::uint64_t);
VAE_NN_INSTANTIATE(float)
VAE_NN_INSTANTIATE(double)
#undef VAE_NN_INSTANTIATE

}  // namespace vae::nn
