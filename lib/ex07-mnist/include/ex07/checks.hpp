#pragma once
// What the exercise's own code (the beta schedule, the ELBO, k-means, the matching and the
// log-mean-exp of the importance weights) hands
// to the machinery, and the checks that tell a student at once when theirs disagrees with an
// independent computation. Each check throws std::logic_error with both numbers and a hint;
// the program then stops with that message.
#include <cstdint>
#include <functional>

#include "ex07/data.hpp"
#include "vae/analysis/matching.hpp"
#include "vae/analysis/matrix.hpp"
#include "vae/nn/model.hpp"
#include "vae/nn/workspace.hpp"

namespace vae::mnist {

using Batch = nn::BatchRef<float>;
using Workspace = nn::Workspace<float>;
using Model = nn::Model<float>;

// The two terms of the negative ELBO, each in nats per image (summed over pixels or latent
// dimensions, averaged over the images).
struct Elbo {
    double recon = 0.0;
    double kl = 0.0;
    // -ELBO = recon + KL: the bound itself, whatever beta the training used.
    double negative() const { return recon + kl; }
};

// beta at an epoch (counted from 0) for a target beta and a warm-up of K epochs.
using BetaFunction = std::function<double(int epoch, double beta, int warmup)>;
// The negative ELBO of a batch x from the forward pass's outputs in ws.
using ElboFunction = std::function<Elbo(const Batch& x, const Workspace& ws)>;
// k-means: a cluster number for every row of x, for k clusters and a seed.
using KMeansFunction = std::function<analysis::Labels(const analysis::Matrix& x, int k, std::uint64_t seed)>;
// The best one-to-one matching of k clusters with k labels.
using MatchingFunction = std::function<analysis::ClusterMatching(const analysis::Labels& clusters,
                                                                 const analysis::Labels& labels, int k)>;
// log((1/K) sum_k exp(w_k)) of the K entries of w: the log of an image's mean importance weight.
using LogMeanExpFunction = std::function<double(const analysis::Vector& w)>;

// Compares yours with lib's schedule (nn::BetaSchedule) at every epoch of the run and at a
// few fixed cases (warm-ups of 0, 1 and 4 epochs, betas 0.8 and 2), to 1e-12 relative.
void check_schedule(const BetaFunction& yours, const Settings& settings);

// The test set's negative ELBO, computed by yours batch by batch (batches of batch_size rows
// in order, eps from Rng(seed, Stream::Noise) drawn afresh, exactly as nn::evaluate does),
// each batch's terms checked against lib's forward pass to 1e-5 relative. The result is
// the average over all rows.
Elbo test_elbo(const Model& model, const Images& x, std::uint64_t seed, const ElboFunction& yours,
               int batch_size = 500);

// Checks that clusters is a finished Lloyd run: k values per sample in [0, k), and every
// sample at least as close to the mean of its own cluster as to the mean of any other
// non-empty cluster (1e-9 relative slack for rounding). Returns the inertia: the sum of
// squared distances of the samples to their cluster's mean.
double check_kmeans(const analysis::Matrix& x, const analysis::Labels& clusters, int k);

// Checks a cluster-to-label matching: one label per cluster (or -1), no label used twice,
// matched / total / accuracy consistent with the contingency table, and matched equal to the
// best one-to-one matching's count (vae::analysis::match_clusters, the Hungarian method).
void check_matching(const analysis::ClusterMatching& yours, const analysis::Labels& clusters,
                    const analysis::Labels& labels, int k);

// Compares yours with lib's nn::log_mean_exp on hand cases, to 1e-12 relative: one weight,
// equal weights, weights far apart, weights so large that exp overflows (w = {1000, 1000} must
// give 1000, not inf) or so small that it underflows to 0 (w = {-1000, -1000} must give -1000,
// not -inf), and K = 1000 weights around -100 as an MNIST image gives. The message names the
// weights and, for the usual slips (no max subtracted, the sum in place of the mean, 1/K
// outside the log), what is wrong.
void check_log_mean_exp(const LogMeanExpFunction& yours);

// yours on the weights of one image (the first `samples` of the row), checked against lib's
// to 1e-12 relative; the message names the image and K. What test_nll_iw is made of.
double checked_log_mean_exp(const LogMeanExpFunction& yours, const analysis::Vector& w, Eigen::Index image);

}  // namespace vae::mnist
