#pragma once
// Exercise 7's likelihood: the importance-weighted estimate of -log p(x) (vae/nn/likelihood.hpp)
// on a seeded subset of the test images, beside the test -ELBO on the same images.
//
// One run of K = max_samples codes per image gives the estimates for K = 1, 10, 100, ... as
// well (each a prefix of the same draws), so the table shows the bound tightening at no
// extra cost. At K = 1 the estimate is the single-sample ELBO (with the sampled KL); the gap
// between the test -ELBO and the K = max_samples estimate is how loose the bound is.
#include <cstdint>
#include <string>
#include <vector>

#include "ex07/checks.hpp"
#include "ex07/data.hpp"
#include "vae/nn/likelihood.hpp"
#include "vae/report.hpp"

namespace vae::mnist {

// count of the rows 0 .. n-1, chosen by Rng(seed, Stream::Split) (the first `count` steps of
// a Fisher-Yates shuffle), in increasing order. count >= n gives all of them.
std::vector<Eigen::Index> seeded_subset(Eigen::Index n, Eigen::Index count, std::uint64_t seed);

// The rows of images listed in rows, in that order.
Images select_images(const Images& images, const std::vector<Eigen::Index>& rows);

struct LikelihoodEstimates {
    Eigen::Index images = 0;
    Elbo elbo;                               // on the same images, eps from Rng(seed, Stream::Noise)
    std::vector<nn::IwEstimate> by_samples;  // K = 1, 10, 100, ..., max_samples
    double seconds = 0;                      // wall time of the importance-weighted estimate

    // The estimate with the most samples: test_nll_iw.
    const nn::IwEstimate& best() const { return by_samples.back(); }
    // test -ELBO - test_nll_iw: how far below log p(x) the bound sits (>= 0 on average).
    double elbo_gap() const { return elbo.negative() - best().nll; }
};

// The K for which the estimate is shown: 1, 10, 100, ... below max_samples, and max_samples.
std::vector<int> iw_sample_counts(int max_samples);

// The estimate on `subset` test images chosen by seeded_subset(test_x.rows(), subset, seed),
// with max_samples codes each. Each image's log p_K(x) is the exercise's log-mean-exp of its
// weights (checked_log_mean_exp) when `yours` is given, lib's nn::log_mean_exp otherwise.
LikelihoodEstimates estimate_likelihood(const Model& model, const Images& test_x, Eigen::Index subset,
                                        int max_samples, std::uint64_t seed,
                                        const LogMeanExpFunction& yours = {});

// test_nll_iw, iw_samples, iw_images, iw_neg_elbo (the -ELBO on those images), elbo_gap, and
// test_nll_iw_k<K> for each smaller K.
void add_likelihood(Report& report, const LikelihoodEstimates& estimates);

// -log p_K(x) against K (log axis), and the -ELBO as a line: the
// estimates fall towards -log p(x) from the single-sample ELBO.
bool plot_likelihood(const LikelihoodEstimates& estimates, const std::string& title, const std::string& path);

}  // namespace vae::mnist
