#include "ex07/experiment.hpp"

#include <algorithm>

#include "ex07/init.hpp"
#include "ex07/latent.hpp"
#include "vae/run_record.hpp"

namespace vae::mnist {

Experiment::Experiment(std::string title, const Options& options, Settings settings)
    : title_(std::move(title)),
      options_(options),
      settings_(std::move(settings)),
      files_(run_files(runs_dir(options), settings_)),
      data_(load_data(options.data_dir(), settings_, !settings_.from_checkpoint)),
      model_(settings_.model_spec(), settings_.seed) {
    init_uniform_fan_in(model_, settings_.seed);
}

void Experiment::check_before_training(const BetaFunction& schedule, const ElboFunction& elbo,
                                       const KMeansFunction& kmeans, const MatchingFunction& matching,
                                       const LogMeanExpFunction& log_mean_exp) const {
    check_schedule(schedule, settings_);
    const Images& test = data_.test_x;
    test_elbo(model_, test.topRows(std::min<Eigen::Index>(500, test.rows())), settings_.seed, elbo);
    const Eigen::Index n = std::min<Eigen::Index>(1000, test.rows());
    const analysis::Matrix mu = encode_means(model_, test.topRows(n));
    const analysis::Labels labels(data_.test_labels.begin(), data_.test_labels.begin() + n);
    const analysis::Labels clusters = kmeans(mu, kClusters, settings_.seed);
    check_kmeans(mu, clusters, kClusters);
    check_matching(matching(clusters, labels, kClusters), clusters, labels, kClusters);
    check_log_mean_exp(log_mean_exp);
}

}  // namespace vae::mnist
