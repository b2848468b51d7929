#include "ex07/likelihood_report.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "vae/nn/evaluate.hpp"
#include "vae/plot.hpp"
#include "vae/rng.hpp"

namespace vae::mnist {

std::vector<Eigen::Index> seeded_subset(Eigen::Index n, Eigen::Index count, std::uint64_t seed) {
    std::vector<Eigen::Index> all(static_cast<std::size_t>(std::max<Eigen::Index>(n, 0)));
    std::iota(all.begin(), all.end(), Eigen::Index(0));
    if (count >= n) return all;
    // The first `count` steps of Fisher-Yates: a uniform choice of `count` distinct rows.
    Rng rng(seed, Stream::Split);
    for (Eigen::Index i = 0; i < count; ++i) {
        const auto j = i + Eigen::Index(rng.below(std::uint64_t(n - i)));
        std::swap(all[std::size_t(i)], all[std::size_t(j)]);
    }
    all.resize(std::size_t(std::max<Eigen::Index>(count, 0)));
    std::sort(all.begin(), all.end());
    return all;
}

Images select_images(const Images& images, const std::vector<Eigen::Index>& rows) {
    Images out(Eigen::Index(rows.size()), images.cols());
    for (std::size_t r = 0; r < rows.size(); ++r) out.row(Eigen::Index(r)) = images.row(rows[r]);
    return out;
}

std::vector<int> iw_sample_counts(int max_samples) {
    std::vector<int> counts;
    for (long k = 1; k < max_samples; k *= 10) counts.push_back(int(k));
    counts.push_back(max_samples);
    return counts;
}

namespace {

// nn::iw_estimate with each image's log-mean-exp taken by yours.
nn::IwEstimate iw_estimate_by(const nn::RowMatrix<double>& log_w, int samples,
                              const LogMeanExpFunction& yours) {
    nn::IwEstimate e = nn::iw_estimate(log_w, samples);
    if (!yours) return e;
    const Eigen::Index n = log_w.rows();
    for (Eigen::Index i = 0; i < n; ++i)
        e.log_px(i) = checked_log_mean_exp(yours, log_w.row(i).head(samples).transpose(), i);
    e.nll = -e.log_px.mean();
    const double var = n > 1 ? (e.log_px.array() + e.nll).square().sum() / double(n - 1) : 0.0;
    e.std_error = std::sqrt(var / double(n));
    return e;
}

}  // namespace

LikelihoodEstimates estimate_likelihood(const Model& model, const Images& test_x, Eigen::Index subset,
                                        int max_samples, std::uint64_t seed,
                                        const LogMeanExpFunction& yours) {
    const Images x = select_images(test_x, seeded_subset(test_x.rows(), subset, seed));
    LikelihoodEstimates e;
    e.images = x.rows();
    const nn::LossParts parts = nn::evaluate(model, x, seed);
    e.elbo = {parts.recon, parts.kl};
    const auto start = std::chrono::steady_clock::now();
    const nn::RowMatrix<double> log_w = nn::iw_log_weights(model, x, max_samples, seed);
    e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const int k : iw_sample_counts(max_samples)) e.by_samples.push_back(iw_estimate_by(log_w, k, yours));
    return e;
}

// Unchecked: Monte Carlo over up to K codes per image, so the last digits follow the build's
// rounding; the golden files keep to the trained quantities.
void add_likelihood(Report& report, const LikelihoodEstimates& e) {
    const std::string on = " (" + std::to_string(e.images) + " test images)";
    report.add_unchecked("test_nll_iw", e.best().nll,
                         "-log p(x), importance-weighted, K = " + std::to_string(e.best().samples) + on);
    report.add_unchecked("iw_samples", e.best().samples, "K, codes per image of that estimate");
    report.add_unchecked("iw_images", double(e.images), "test images it is estimated on");
    report.add_unchecked("iw_neg_elbo", e.elbo.negative(), "-ELBO on the same images");
    report.add_unchecked("elbo_gap", e.elbo_gap(), "-ELBO - test_nll_iw: how loose the bound is");
    for (std::size_t i = 0; i + 1 < e.by_samples.size(); ++i) {
        const nn::IwEstimate& k = e.by_samples[i];
        report.add_unchecked(
            "test_nll_iw_k" + std::to_string(k.samples), k.nll,
            "the same with K = " + std::to_string(k.samples) + (k.samples == 1 ? " (an ELBO)" : ""));
    }
}

bool plot_likelihood(const LikelihoodEstimates& e, const std::string& title, const std::string& path) {
    plot::Panel p;
    p.title = title;
    p.xlabel = "K, importance samples per image";
    p.ylabel = "nats per image";
    p.settings = {"set logscale x", "set xrange [0.5:" + std::to_string(2 * e.best().samples) + "]",
                  "set key inside bottom left"};
    // No error bars: every K scores the same images with the same draws, so the differences
    // between K are far smaller than the spread of log p(x) over images.
    plot::Series iw;
    iw.title = "-log p_K(x), importance-weighted";
    iw.style = "using 1:2 with linespoints lw 2 pt 7 ps 1.2 lc rgb '" + plot::color(0) + "'";
    for (const nn::IwEstimate& k : e.by_samples) iw.rows.push_back({double(k.samples), k.nll});
    plot::Series elbo;
    char gap[128];
    std::snprintf(gap, sizeof gap, "-ELBO (closed-form KL): %.2f nats above K = %d (%ld images)",
                  e.elbo_gap(), e.best().samples, long(e.images));
    elbo.title = gap;
    elbo.style = "using 1:2 with lines lw 2 dt 2 lc rgb '" + plot::color(1) + "'";
    elbo.rows = {{0.5, e.elbo.negative()}, {2.0 * e.best().samples, e.elbo.negative()}};
    p.series = {iw, elbo};
    plot::Figure fig;
    fig.width = 900;
    fig.height = 600;
    fig.panels = {p};
    return plot::save_png(fig, path);
}

}  // namespace vae::mnist
