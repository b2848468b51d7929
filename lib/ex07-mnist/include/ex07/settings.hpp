#pragma once
// Exercise 7's settings and the flags that set them: the data set, the network preset, the
// training schedule (epochs, batch, Adam, beta and its warm-up), the subsets, and what the
// evaluation after training estimates and draws.
#include <cstdint>
#include <string>
#include <vector>

#include "vae/nn/beta_schedule.hpp"
#include "vae/nn/spec.hpp"
#include "vae/options.hpp"

namespace vae::mnist {

// The two network presets (the decoder mirrors the encoder; ReLU hidden layers; Bernoulli
// likelihood on pixel intensities in [0, 1]):
//   784-512-256-2   a 2-D latent, to look at directly
//   784-400-20      the classic 20-D latent
inline constexpr const char* kArch2d = "784-512-256-2";
inline constexpr const char* kArch20d = "784-400-20";

// The number of k-means clusters: one per class of the ten.
inline constexpr int kClusters = 10;

// Bounds of the evaluation flags. The importance weights are held as one images x K matrix
// of doubles, so their product is bounded too (kMaxIwWeights: 160 MB). Exact t-SNE holds a
// few n x n matrices (5000 images: 200 MB each) and needs n well above its perplexity of 30.
inline constexpr long kMaxIwSamples = 100000;
inline constexpr long long kMaxIwWeights = 20000000;
inline constexpr long kMinTsneImages = 100;
inline constexpr long kMaxTsneImages = 5000;

struct Settings {
    std::string dataset = "mnist";  // "mnist" | "fashion"
    std::string arch = kArch2d;
    std::vector<int> hidden = {512, 256};  // encoder widths, input side first
    int latent = 2;
    int epochs = 20;
    int batch_size = 128;
    double learning_rate = 1e-3;
    double beta = 1.0;          // the KL weight once warmed up
    int warmup_epochs = 5;      // beta rises linearly from 0 over this many epochs; 0: constant
    long train_subset = 60000;  // the first this many training images
    long test_subset = 10000;   // the first this many test images
    std::uint64_t seed = 42;
    bool from_checkpoint = false;

    // Evaluation only: none of these touches the trained weights or the epoch log, so none is
    // in canonical(), and a saved run is found again whatever they are.
    int iw_samples = 1000;      // K, codes per image of the importance-weighted -log p(x)
    long iw_images = 500;       // test images it is estimated on (a seeded subset)
    long tsne_images = 2000;    // test images t-SNE maps (a seeded subset; latents above 2-D)
    bool no_animation = false;  // skip the training GIF (one decoder pass per epoch, and gnuplot)

    // 784-hidden-[latent]-reversed hidden-784, ReLU, Bernoulli, a VAE.
    nn::ModelSpec model_spec() const;
    // lib's schedule: beta(e) = beta * min(e, K) / K for epochs e = 0, 1, ... (K = 0: beta).
    nn::BetaSchedule schedule() const;
    // In file names: "mnist_2d", "fashion_20d".
    std::string tag() const;
    // Every setting that changes the trained weights or the epoch log, in one line with exact
    // numbers: "exercise7 run 1; dataset mnist; arch 784-512-256-2; epochs 20; ...". Not
    // --from-checkpoint, which changes neither, nor the evaluation settings above.
    std::string canonical() const;
    // The name of a run's checkpoint and log: tag() and the first 12 hex digits of the
    // FNV-1a hash of canonical(), e.g. "mnist_2d_5c1f0e9a3b27". Runs that differ in any of
    // those settings get different files, so --from-checkpoint finds only a model trained
    // exactly as the flags say.
    std::string run_id() const;
    // "MNIST" or "Fashion-MNIST".
    std::string dataset_name() const;
    // One line: network, likelihood, optimiser, batch, epochs, beta schedule, subsets.
    std::string describe() const;
};

// Bounds on a network parse_arch accepts: far above the presets (the larger has about
// 1.1 million parameters), below what would exhaust memory.
inline constexpr int kMaxArchWidth = 4096;
inline constexpr long long kMaxArchParameters = 50000000;

// Parses "784-512-256-2" into the input width (must be 784), hidden widths and latent width
// (each at most kMaxArchWidth, the mirrored VAE at most kMaxArchParameters parameters).
// Throws UsageError naming the flag for anything else.
void parse_arch(const std::string& arch, std::vector<int>& hidden, int& latent);

// The exercise's flags, bound to the members of settings (whose values are the defaults).
// After parsing, sets hidden and latent from --arch, and throws UsageError naming the flag when
// --batch-size exceeds the training subset or --test-subset holds fewer images than there are
// clusters, or when --iw-images times --iw-samples exceeds kMaxIwWeights. A warm-up longer than the run is
// allowed: beta then stops short of --beta (the report says so).
void add_flags(Flags& flags, Settings& settings);

}  // namespace vae::mnist
