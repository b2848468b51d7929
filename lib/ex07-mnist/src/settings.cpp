#include "ex07/settings.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "vae/error.hpp"
#include "vae/report.hpp"

namespace vae::mnist {

namespace {

constexpr int kPixels = 28 * 28;
// The images MNIST and Fashion-MNIST hold: the subsets cannot be larger.
constexpr long kTrainImages = 60000;
constexpr long kTestImages = 10000;

}  // namespace

void parse_arch(const std::string& arch, std::vector<int>& hidden, int& latent) {
    const auto bad = [&](const std::string& why) {
        throw UsageError(
            "--arch expects widths joined by '-', starting with 784 and ending with the latent "
            "width (e.g. 784-400-20), got '" +
            arch + "': " + why);
    };
    std::vector<int> widths;
    std::stringstream parts(arch);
    std::string part;
    while (std::getline(parts, part, '-')) {
        if (part.empty() || part.size() > 6 || part.find_first_not_of("0123456789") != std::string::npos)
            bad("'" + part + "' is not a width");
        const int w = std::stoi(part);
        if (w < 1) bad("every width must be at least 1");
        widths.push_back(w);
    }
    if (!arch.empty() && arch.back() == '-') bad("it ends with '-'");
    if (widths.size() < 2) bad("it needs at least the input and the latent width");
    if (widths.front() != kPixels) bad("the input width of 28x28 images is 784");
    for (std::size_t i = 1; i < widths.size(); ++i)
        if (widths[i] > kMaxArchWidth)
            bad("a width of " + std::to_string(widths[i]) + " is more than the " +
                std::to_string(kMaxArchWidth) + " allowed");
    // Mirrored, so the decoder has as many weights as the encoder; the latent layer has
    // two heads (mu and log sigma^2).
    long long params = 0;
    for (std::size_t i = 1; i < widths.size(); ++i) {
        const long long out = (i + 1 == widths.size() ? 2 : 1) * static_cast<long long>(widths[i]);
        params += 2 * (static_cast<long long>(widths[i - 1]) * out + out);
        if (params > kMaxArchParameters) break;
    }
    if (params > kMaxArchParameters)
        bad("the network would have more than " + std::to_string(kMaxArchParameters) + " parameters");
    hidden.assign(widths.begin() + 1, widths.end() - 1);
    latent = widths.back();
}

nn::ModelSpec Settings::model_spec() const {
    return nn::ModelSpec::mirrored(kPixels, hidden, latent, nn::Activation::ReLU, nn::Likelihood::Bernoulli,
                                   nn::Mode::Variational);
}

nn::BetaSchedule Settings::schedule() const {
    return warmup_epochs == 0 ? nn::BetaSchedule::constant(beta)
                              : nn::BetaSchedule::linear_warmup(0.0, beta, warmup_epochs);
}

std::string Settings::tag() const { return dataset + "_" + std::to_string(latent) + "d"; }

std::string Settings::canonical() const {
    // Raise the run number when lib's training starts giving other weights for the same
    // settings: every checkpoint saved before then stops matching.
    std::ostringstream s;
    s << "exercise7 run 1; dataset " << dataset << "; arch " << kPixels;
    for (int w : hidden) s << "-" << w;
    s << "-" << latent << "; epochs " << epochs << "; batch-size " << batch_size << "; lr "
      << format_exact(learning_rate) << "; beta " << format_exact(beta) << "; beta-warmup " << warmup_epochs
      << "; train-subset " << train_subset << "; test-subset " << test_subset << "; seed " << seed;
    return s.str();
}

std::string Settings::run_id() const {
    // FNV-1a, 64 bit: the same on every machine and compiler, unlike std::hash.
    std::uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : canonical()) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return tag() + "_" + std::string(hex, 12);
}

std::string Settings::dataset_name() const { return dataset == "fashion" ? "Fashion-MNIST" : "MNIST"; }

std::string Settings::describe() const {
    std::ostringstream s;
    s << dataset_name() << " (" << train_subset << " training / " << test_subset
      << " test images at most); network " << model_spec().describe() << "; Adam lr "
      << format_value(learning_rate) << ", batch " << batch_size << ", " << epochs << " epochs; beta "
      << schedule().describe() << "; seed " << seed;
    return s.str();
}

void add_flags(Flags& flags, Settings& s) {
    flags.seed(s.seed)
        .choice("dataset", s.dataset,
                "handwritten digits (data/mnist, from scripts/fetch-mnist) or Fashion-MNIST (Debian package "
                "dataset-fashion-mnist)",
                {"mnist", "fashion"})
        .choice("arch", s.arch,
                "network preset: 784-512-256-2 (a 2-D latent to look at) or 784-400-20 (the classic)",
                {kArch2d, kArch20d})
        .epochs(s.epochs)
        .beta(s.beta)
        .count_from_zero("beta-warmup", s.warmup_epochs,
                         "epochs over which beta rises linearly from 0 to --beta (0: constant beta)",
                         kMaxEpochs)
        .count("batch-size", s.batch_size, "images per minibatch", kTrainImages)
        .positive("lr", s.learning_rate, "Adam's learning rate")
        .count("train-subset", s.train_subset, "train on the first N training images", kTrainImages)
        .count("test-subset", s.test_subset, "evaluate on the first N test images", kTestImages)
        .on_off("from-checkpoint", s.from_checkpoint,
                "load the model a run with the same settings saved in the plot folder and redraw the plots, "
                "without training")
        .count("iw-samples", s.iw_samples,
               "K, codes per test image of the importance-weighted -log p(x) (test_nll_iw)", kMaxIwSamples)
        .count("iw-images", s.iw_images,
               "test images (a seeded subset of the test subset) the importance-weighted estimate uses",
               kTestImages)
        .between("tsne-images", s.tsne_images,
                 "test images (a seeded subset) the t-SNE map shows, for latents above 2-D", kMinTsneImages,
                 kMaxTsneImages)
        .on_off("no-animation", s.no_animation,
                "do not draw the training GIF (the other plots are still drawn)")
        .then([&s] {
            parse_arch(s.arch, s.hidden, s.latent);
            if (s.batch_size > s.train_subset)
                throw UsageError("--batch-size expects at most the training subset (" +
                                 std::to_string(s.train_subset) + " images), got '" +
                                 std::to_string(s.batch_size) + "'");
            if (s.test_subset < kClusters)
                throw UsageError("--test-subset expects at least " + std::to_string(kClusters) +
                                 " images (one per k-means cluster), got '" + std::to_string(s.test_subset) +
                                 "'");
            // Only the images the estimate really uses count: the test subset may hold fewer.
            const long long weights = static_cast<long long>(std::min(s.iw_images, s.test_subset)) *
                                      static_cast<long long>(s.iw_samples);
            if (weights > kMaxIwWeights)
                throw UsageError("--iw-samples expects at most " +
                                 std::to_string(kMaxIwWeights / std::min(s.iw_images, s.test_subset)) +
                                 " with " + std::to_string(std::min(s.iw_images, s.test_subset)) +
                                 " images for the estimate (--iw-images times --iw-samples at most " +
                                 std::to_string(kMaxIwWeights) + "), got '" + std::to_string(s.iw_samples) +
                                 "'");
        });
}

}  // namespace vae::mnist
