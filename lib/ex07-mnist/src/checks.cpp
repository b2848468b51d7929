#include "ex07/checks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "vae/error.hpp"
#include "vae/nn/beta_schedule.hpp"
#include "vae/nn/likelihood.hpp"
#include "vae/report.hpp"
#include "vae/rng.hpp"

namespace vae::mnist {

namespace {

bool close(double got, double expected, double relative) {
    return std::abs(got - expected) <= relative * std::max(1.0, std::abs(expected));
}

std::string num(double v) { return format_value(v); }

double lib_beta(int epoch, double beta, int warmup) {
    const nn::BetaSchedule s =
        warmup == 0 ? nn::BetaSchedule::constant(beta) : nn::BetaSchedule::linear_warmup(0.0, beta, warmup);
    return s.at(epoch);
}

void check_beta(const BetaFunction& yours, int epoch, double beta, int warmup) {
    const double got = yours(epoch, beta, warmup);
    const double expected = lib_beta(epoch, beta, warmup);
    if (close(got, expected, 1e-12)) return;
    throw std::logic_error("your warmup_beta(epoch " + std::to_string(epoch) + ", beta " + num(beta) +
                           ", warm-up " + std::to_string(warmup) + ") is " + num(got) +
                           " where lib's schedule gives " + num(expected) +
                           ": beta * min(e, K) / K with epochs counted from 0 (so epoch 0 has beta 0), "
                           "and beta itself when K = 0");
}

std::string weights_text(const analysis::Vector& w) {
    std::string out = "{";
    const Eigen::Index shown = std::min<Eigen::Index>(w.size(), 4);
    for (Eigen::Index k = 0; k < shown; ++k) out += (k ? ", " : "") + num(w(k));
    if (w.size() > shown) out += ", ... (" + std::to_string(w.size()) + " weights)";
    return out + "}";
}

// What a log-mean-exp that differs from lib's most likely did, told from its value.
std::string log_mean_exp_slip(const analysis::Vector& w, double got, double expected) {
    const double K = double(w.size());
    const double m = w.maxCoeff();
    double sum = 0.0;
    for (Eigen::Index k = 0; k < w.size(); ++k) sum += std::exp(w(k) - m);
    if (!std::isfinite(got))
        return "exp overflows to inf above 709 and underflows to 0 below -745, so factor out the largest "
               "weight: m + log((1/K) sum_k exp(w_k - m)) with m = max_k w_k";
    if (close(got, expected + std::log(K), 1e-9))
        return "that is the log of the sum; the mean divides it by K inside the log (log K less)";
    if (close(got, m + std::log(sum) / K, 1e-9))
        return "1/K belongs inside the log: log(sum / K) = log(sum) - log K, not log(sum) / K";
    if (close(got, expected - m, 1e-9)) return "after the log, add the max m back";
    if (close(got, w.mean(), 1e-9))
        return "the log of the mean of exp(w_k) is not the mean of the w_k (it is larger, by Jensen)";
    return "expected m + log((1/K) sum_k exp(w_k - m)) with m = max_k w_k";
}

}  // namespace

void check_log_mean_exp(const LogMeanExpFunction& yours) {
    const double log3 = std::log(3.0);
    std::vector<analysis::Vector> cases;
    const auto add = [&cases](std::initializer_list<double> values) {
        analysis::Vector v(Eigen::Index(values.size()));
        Eigen::Index k = 0;
        for (double x : values) v(k++) = x;
        cases.push_back(v);
    };
    add({-7.25});              // K = 1: the weight itself
    add({0.0, 0.0});           // log 1
    add({0.0, log3});          // log((1 + 3) / 2) = log 2
    add({1000.0, 1000.0});     // exp(1000) is inf in double
    add({-1000.0, -1000.0});   // exp(-1000) is 0 in double
    add({1000.0, 0.0, -3.5});  // far apart: the largest term carries it
    add({-800.0, -801.0, -802.5, -850.0});
    analysis::Vector mnist_like(1000);  // an MNIST image's log w: around -100, a few nats apart
    for (Eigen::Index k = 0; k < mnist_like.size(); ++k)
        mnist_like(k) = -100.0 - 3.0 * std::sin(0.37 * double(k));
    cases.push_back(mnist_like);
    for (const analysis::Vector& w : cases) {
        const double got = yours(w);
        const double expected = nn::log_mean_exp(w.data(), w.size());
        if (close(got, expected, 1e-12)) continue;
        throw std::logic_error("your log_mean_exp(w = " + weights_text(w) + ") is " + num(got) +
                               " where lib's gives " + num(expected) + ": " +
                               log_mean_exp_slip(w, got, expected));
    }
}

double checked_log_mean_exp(const LogMeanExpFunction& yours, const analysis::Vector& w, Eigen::Index image) {
    const double got = yours(w);
    const double expected = nn::log_mean_exp(w.data(), w.size());
    if (!close(got, expected, 1e-12))
        throw std::logic_error("your log_mean_exp of test image " + std::to_string(image) +
                               "'s K = " + std::to_string(w.size()) + " importance weights " +
                               weights_text(w) + " is " + num(got) + " where lib's gives " + num(expected) +
                               ": " + log_mean_exp_slip(w, got, expected));
    return got;
}

void check_schedule(const BetaFunction& yours, const Settings& settings) {
    for (int e = 0; e < settings.epochs; ++e) check_beta(yours, e, settings.beta, settings.warmup_epochs);
    // Cases the run's own flags may not reach: no warm-up, a one-epoch warm-up, a beta other than 1.
    for (int e = 0; e <= 6; ++e) {
        check_beta(yours, e, 0.8, 4);
        check_beta(yours, e, 2.0, 0);
        check_beta(yours, e, 1.0, 1);
    }
}

Elbo test_elbo(const Model& model, const Images& x, std::uint64_t seed, const ElboFunction& yours,
               int batch_size) {
    if (x.rows() < 1) throw std::invalid_argument("test_elbo: no images");
    Rng rng(seed, Stream::Noise);
    Workspace ws;
    double recon = 0.0, kl = 0.0;
    for (Eigen::Index start = 0; start < x.rows(); start += batch_size) {
        const Eigen::Index rows = std::min<Eigen::Index>(batch_size, x.rows() - start);
        const auto batch = x.middleRows(start, rows);
        const nn::LossParts lib = model.forward(batch, rng, ws);
        if (!std::isfinite(lib.recon) || !std::isfinite(lib.kl))
            throw NumericError("the model's test loss is not finite (recon " + num(lib.recon) + ", KL " +
                               num(lib.kl) + "): training diverged; try a smaller --lr");
        const Elbo mine = yours(batch, ws);
        // lib sums each image's 784 terms in float; yours may sum in double: 1e-5 covers that.
        if (!close(mine.recon, lib.recon, 1e-5))
            throw std::logic_error(
                "your negative_elbo's reconstruction term is " + num(mine.recon) +
                " nats per image where lib's forward pass gives " + num(lib.recon) + " for test images " +
                std::to_string(start) + ".." + std::to_string(start + rows - 1) +
                " (per image: the sum over pixels of max(l, 0) - l x + log1p(exp(-|l|)), then "
                "the mean over images)");
        if (!close(mine.kl, lib.kl, 1e-5))
            throw std::logic_error(
                "your negative_elbo's KL term is " + num(mine.kl) +
                " nats per image where lib's forward pass gives " + num(lib.kl) + " for test images " +
                std::to_string(start) + ".." + std::to_string(start + rows - 1) +
                " (per image: 0.5 * sum over latent dimensions of exp(lv) + mu^2 - lv - 1, "
                "then the mean over images)");
        recon += mine.recon * double(rows);  // back to sums: the last batch may be smaller
        kl += mine.kl * double(rows);
    }
    return {recon / double(x.rows()), kl / double(x.rows())};
}

double check_kmeans(const analysis::Matrix& x, const analysis::Labels& clusters, int k) {
    const Eigen::Index n = x.rows();
    if (static_cast<Eigen::Index>(clusters.size()) != n)
        throw std::logic_error("your kmeans returned " + std::to_string(clusters.size()) +
                               " cluster numbers for " + std::to_string(n) + " samples");
    analysis::Matrix means = analysis::Matrix::Zero(k, x.cols());
    std::vector<long> sizes(static_cast<std::size_t>(k), 0);
    for (Eigen::Index i = 0; i < n; ++i) {
        const int c = clusters[static_cast<std::size_t>(i)];
        if (c < 0 || c >= k)
            throw std::logic_error("your kmeans put sample " + std::to_string(i) + " in cluster " +
                                   std::to_string(c) + "; clusters are numbered 0.." + std::to_string(k - 1));
        means.row(c) += x.row(i);
        ++sizes[static_cast<std::size_t>(c)];
    }
    for (int c = 0; c < k; ++c)
        if (sizes[static_cast<std::size_t>(c)] > 0)
            means.row(c) /= double(sizes[static_cast<std::size_t>(c)]);

    double inertia = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const int own = clusters[static_cast<std::size_t>(i)];
        const double d_own = (x.row(i) - means.row(own)).squaredNorm();
        inertia += d_own;
        for (int c = 0; c < k; ++c) {
            if (c == own || sizes[static_cast<std::size_t>(c)] == 0) continue;
            const double d = (x.row(i) - means.row(c)).squaredNorm();
            if (d < d_own - 1e-9 * std::max(1.0, d_own))
                throw std::logic_error("your kmeans has not finished: sample " + std::to_string(i) +
                                       " is in cluster " + std::to_string(own) + " (squared distance " +
                                       num(d_own) + " to its mean) but nearer to cluster " +
                                       std::to_string(c) + " (" + num(d) +
                                       "). Repeat the two steps (assign every sample to its "
                                       "nearest centre, move every centre to the mean of its samples) until "
                                       "no assignment changes");
        }
    }
    return inertia;
}

void check_matching(const analysis::ClusterMatching& yours, const analysis::Labels& clusters,
                    const analysis::Labels& labels, int k) {
    if (static_cast<int>(yours.label_of.size()) != k)
        throw std::logic_error("your best_matching gives labels for " +
                               std::to_string(yours.label_of.size()) + " clusters; there are " +
                               std::to_string(k));
    const analysis::CountMatrix table = analysis::contingency_table(clusters, labels, k, k);
    std::vector<int> used(static_cast<std::size_t>(k), -1);
    long matched = 0;
    for (int c = 0; c < k; ++c) {
        const int l = yours.label_of[static_cast<std::size_t>(c)];
        if (l == -1) continue;
        if (l < 0 || l >= k)
            throw std::logic_error("your best_matching pairs cluster " + std::to_string(c) + " with label " +
                                   std::to_string(l) + "; labels are 0.." + std::to_string(k - 1));
        if (used[static_cast<std::size_t>(l)] != -1)
            throw std::logic_error(
                "your best_matching pairs clusters " + std::to_string(used[std::size_t(l)]) + " and " +
                std::to_string(c) + " with the same label " + std::to_string(l) +
                ": the matching must be one-to-one (that is what makes the accuracy honest)");
        used[static_cast<std::size_t>(l)] = c;
        matched += table(c, l);
    }
    const long total = static_cast<long>(labels.size());
    if (yours.matched != matched || yours.total != total)
        throw std::logic_error("your best_matching reports " + std::to_string(yours.matched) + " of " +
                               std::to_string(yours.total) + " samples matched, but its pairs put " +
                               std::to_string(matched) + " of " + std::to_string(total) +
                               " samples in a cluster paired with their own label");
    if (!close(yours.accuracy, double(matched) / double(total), 1e-12))
        throw std::logic_error("your best_matching's accuracy is " + num(yours.accuracy) +
                               "; matched / total is " + num(double(matched) / double(total)));
    const analysis::ClusterMatching best = analysis::match_clusters(clusters, labels, k, k);
    if (matched != best.matched)
        throw std::logic_error("your best_matching puts " + std::to_string(matched) +
                               " samples on their own label; the best one-to-one matching puts " +
                               std::to_string(best.matched) +
                               ". Maximise the sum of table(c, label_of[c]) over all one-to-one pairings "
                               "(e.g. the Hungarian method on cost = -table), not cluster by cluster");
}

}  // namespace vae::mnist
